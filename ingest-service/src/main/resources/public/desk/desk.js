/* 依申请公开受理窗口 — the request desk page. Plain JS, no external assets.
 * Every dynamic string goes into the page through textContent (never innerHTML), so a subject such as
 * <script>alert(1)</script> is shown as text. */
(function () {
  'use strict';

  var REFRESH_MS = 5000;
  var STATUS_LABELS = { ON_TRACK: '正常', DUE_SOON: '即将到期', OVERDUE: '已超期', PAUSED: '暂停计时',
    LAPSED: '期限已过待办结', ANSWERED_ON_TIME: '已按期答复', ANSWERED_LATE: '已逾期答复' };
  /** Steps recorded on the request page (appeals and corrections); the rest on the step form. */
  var REQUEST_TYPES = ['REVIEW_FILED', 'REVIEW_CONCLUDED', 'LITIGATION_FILED', 'LITIGATION_CONCLUDED', 'AMENDED',
    'REOPENED', 'VOIDED'];
  var REOPEN_REASONS = { ENTRY_ERROR: '登记错误，撤销答复', REANSWER_ORDERED: '复议机关或法院责令重新答复' };
  var LAPSE_KINDS = { CORRECTION: '补正', FEE: '缴费' };
  var FIELD_LABELS = { applicantType: '申请人类型', receivedDate: '收到申请日期', channel: '申请方式', subject: '申请内容摘要',
    requestId: '申请编号', agencyId: '机关', type: '办理环节', date: '日期', dueBy: '补正期限', party: '征求意见对象',
    workingDays: '延长工作日数', dueDate: '新的答复期限', outcome: '办理结果', onTheSpot: '当场答复', caseId: '案号',
    afterReview: '经复议后起诉', result: '结果', eventId: '事件编号', token: '令牌', registrationNumber: '登记号',
    caseNumber: '案号', amountYuan: '缴费金额', decidedDate: '答复日期', filedDate: '立案日期', concludedDate: '审结日期',
    reason: '原因', q: '检索词' };

  var state = {
    token: sessionStorage.getItem('desk.token') || '',
    agencyId: sessionStorage.getItem('desk.agency') || '',
    agencyName: '',
    admin: false,
    taxonomy: null,
    dashboardUrl: null,
    selected: null,          // {requestId, agencyId}
    subjects: {},            // "agency/request" -> subject (or '' when none)
    fetching: {},
    agencies: [],
    pendingNew: null,        // {requestId, body}: a logged application not yet acknowledged (retry keeps the id)
    pendingStep: null,       // {eventId, key}: same for a step
    lastSaved: null,         // the confirmation of the last step saved, shown until another request is picked
    details: {},             // "agency/request" -> the request as the dashboard last answered it
    detailStatus: {},        // "agency/request" -> the list's deadlineStatus when that answer was fetched
    agencyNames: {},         // agencyId -> name
    outcomeLabels: {},       // outcome code -> （六）1.… as in Table 三
    openRequest: null,       // {agencyId, requestId, body}: the request shown on the request page
    pendingReq: null,        // {eventId, key}: a step of the request page not yet acknowledged
    lapse: null,             // {q, eventId, key}: the lapsed request being closed
    timer: null
  };

  // ---------- helpers ----------
  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') { e.textContent = attrs[k]; }
        else if (k === 'className') { e.className = attrs[k]; }
        else { e.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) { if (c) { e.appendChild(c); } });
    return e;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  /** Today in China (UTC+8, no daylight saving), YYYY-MM-DD. */
  function todayChina() {
    return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  }

  function newId(prefix) {
    var r = '';
    if (window.crypto && window.crypto.getRandomValues) {
      var a = new Uint8Array(6);
      window.crypto.getRandomValues(a);
      for (var i = 0; i < a.length; i++) { r += ('0' + a[i].toString(16)).slice(-2); }
    } else {
      r = Math.random().toString(16).slice(2, 14);
    }
    return prefix + todayChina().replace(/-/g, '') + '-' + r;
  }

  function setMsg(id, text, ok) {
    var m = $(id);
    m.textContent = text || '';
    m.className = 'form-msg' + (text ? (ok ? ' ok' : ' bad') : '');
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('.err'), function (e) { e.textContent = ''; });
    Array.prototype.forEach.call(form.querySelectorAll('.invalid'), function (e) { e.classList.remove('invalid'); });
  }

  /** Shows an API error {error, message, field} next to the named field, or under the form. */
  function showError(form, msgId, err) {
    var text = (err && err.message) ? err.message : '操作失败';
    var field = err && err.field;
    var slot = field ? form.querySelector('.err[data-for="' + cssEscape(field) + '"]') : null;
    if (slot) {
      // the API's message names the field by its code (「receivedDate：…」); the page names it in Chinese instead
      if (FIELD_LABELS[field] && (text.indexOf(field + '：') === 0 || text.indexOf(field + ': ') === 0)) {
        text = text.slice(field.length + 1).replace(/^\s+/, '');
      }
      slot.textContent = (FIELD_LABELS[field] ? FIELD_LABELS[field] + '：' : '') + text;
      var input = form.querySelector('[name="' + cssEscape(field) + '"]');
      if (input) { input.classList.add('invalid'); input.focus(); }
      setMsg(msgId, '未保存，请按红字提示修改后重试。', false);
    } else {
      setMsg(msgId, text, false);
    }
  }

  function cssEscape(s) { return String(s).replace(/[^A-Za-z0-9_-]/g, '\\$&'); }

  /** fetch returning {status, body (parsed JSON or null), headers}; network failures become status 0. */
  function call(method, url, body, auth) {
    var headers = {};
    if (auth !== false && state.token) { headers.Authorization = 'Bearer ' + state.token; }
    if (body !== undefined) { headers['Content-Type'] = 'application/json; charset=utf-8'; }
    return fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store' })
      .then(function (r) {
        return r.text().then(function (t) {
          var j = null;
          try { j = t ? JSON.parse(t) : null; } catch (e) { j = null; }
          return { status: r.status, body: j, headers: r.headers };
        });
      }, function () {
        return { status: 0, body: { error: 'NETWORK', message: '无法连接服务器，请检查网络后重试（已填写的内容不会丢失）', field: null } };
      });
  }

  /** Seconds to wait before asking again after a 503 (its Retry-After, else 5). */
  function retryAfter(r) {
    var after = r.headers && r.headers.get ? parseInt(r.headers.get('Retry-After'), 10) : NaN;
    return after > 0 ? after : 5;
  }

  /** A 503 of a service still rebuilding its data after a start (api.md "Operating it": it says how far). */
  function catchingUp(r) {
    return r.status === 503 && !!r.body && r.body.error === 'CATCHING_UP' && !!r.body.progress;
  }

  function failure(r) {
    if (catchingUp(r)) {
      return { error: 'CATCHING_UP', field: null, message: '正在恢复数据，请稍候。本次未保存，请' + retryAfter(r)
          + '秒后再点一次（不会重复登记）。' };
    }
    if (r.status === 503) {
      var after = r.headers && r.headers.get ? r.headers.get('Retry-After') : null;
      return { error: 'UNAVAILABLE', field: null, message: '系统暂不可用，本次未保存。请' + (after ? after + '秒后' : '稍后')
          + '再点一次（不会重复登记）。' };
    }
    if (r.status === 401) {
      return { error: 'UNAUTHORIZED', field: null, message: '令牌无效或已被收回，请点右上角“退出”后重新输入令牌。' };
    }
    return r.body && r.body.message ? r.body : { error: 'HTTP_' + r.status, field: null, message: '操作失败（' + r.status + '）' };
  }

  // ---------- start ----------
  function boot() {
    Promise.all([call('GET', 'api/v1/taxonomy', undefined, false), call('GET', 'desk-config.json', undefined, false)])
      .then(function (rs) {
        if (rs[0].status !== 200) { setMsg('login-msg', '无法读取分类代码，请刷新页面。', false); return; }
        state.taxonomy = rs[0].body;
        var cfg = rs[1].status === 200 && rs[1].body ? rs[1].body : {};
        state.dashboardUrl = (cfg.dashboardUrl || (location.protocol + '//' + location.hostname + ':'
          + (cfg.dashboardPort || 8081))).replace(/\/+$/, '');
        fillStaticSelects();
        if (state.token) { login(state.token, state.agencyId); } else { showLogin(); }
      });
    $('login-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      login($('token').value.trim(), $('admin-agency').value.trim());
    });
    $('logout').addEventListener('click', logout);
    $('new-form').addEventListener('submit', submitNew);
    $('step-form').addEventListener('submit', submitStep);
    $('s-type').addEventListener('change', function () { state.pendingStep = null; drawStepFields(); });
    $('n-date').addEventListener('change', function () { checkOverdue($('n-date').value); });
    $('s-cancel').addEventListener('click', function () { selectRequest(null); });
    $('search-form').addEventListener('submit', function (ev) { ev.preventDefault(); search(); });
    $('r-form').addEventListener('submit', submitRequestStep);
    $('r-type').addEventListener('change', function () { state.pendingReq = null; drawRequestFields(); });
    $('r-close').addEventListener('click', closeRequest);
    $('lapse-ok').addEventListener('click', confirmLapse);
    $('lapse-cancel').addEventListener('click', cancelLapse);
    $('new-warnings-ok').addEventListener('click', function () { $('new-warnings').hidden = true; });
    ['n-type', 'n-date', 'n-channel', 'n-subject', 'n-agency'].forEach(function (id) {
      $(id).addEventListener('input', function () { $(id).classList.remove('invalid'); });
    });
  }

  function showLogin() {
    $('login-panel').hidden = false;
    $('desk').hidden = true;
    $('who').hidden = true;
    if (state.timer) { clearInterval(state.timer); state.timer = null; }
  }

  function login(token, adminAgency) {
    var form = $('login-form');
    clearErrors(form);
    setMsg('login-msg', '');
    if (!token) {
      form.querySelector('.err[data-for="token"]').textContent = '请输入令牌';
      showLogin();
      return;
    }
    state.token = token;
    call('GET', 'api/v1/whoami').then(function (r) {
      if (catchingUp(r)) { waitForData(r, token, adminAgency); return; }
      if (r.status !== 200) {
        state.token = '';
        if (r.status === 401) { sessionStorage.removeItem('desk.token'); } // only a refused token is forgotten
        showLogin();
        form.querySelector('.err[data-for="token"]').textContent = r.status === 401
          ? '令牌无效或已被收回，请向管理员索取新令牌。' : failure(r).message;
        return;
      }
      state.admin = !!r.body.admin;
      var agency = state.admin ? adminAgency : r.body.agencyId;
      if (state.admin && !agency) {
        showLogin();
        $('admin-agency-row').hidden = false;
        form.querySelector('.err[data-for="agencyId"]').textContent = '管理员令牌：请填写要办理的机关编号';
        return;
      }
      call('GET', 'api/v1/agencies/' + encodeURIComponent(agency)).then(function (a) {
        if (catchingUp(a)) { waitForData(a, token, adminAgency); return; }
        if (a.status !== 200) {
          showLogin();
          $('admin-agency-row').hidden = !state.admin;
          var e = failure(a);
          form.querySelector('.err[data-for="' + (state.admin ? 'agencyId' : 'token') + '"]').textContent = e.message;
          return;
        }
        sessionStorage.setItem('desk.token', token);
        sessionStorage.setItem('desk.agency', state.admin ? agency : '');
        state.agencyId = agency;
        state.agencyName = a.body.name || agency;
        state.agencyNames[agency] = state.agencyName;
        $('token').value = '';
        enterDesk();
      });
    });
  }

  /** The service is rebuilding its data: say so, keep the token, and sign in again after Retry-After. */
  function waitForData(r, token, adminAgency) {
    showLogin();
    setMsg('login-msg', '正在恢复数据，请稍候（' + retryAfter(r) + '秒后自动重试）', false);
    setTimeout(function () { login(token, adminAgency); }, retryAfter(r) * 1000);
  }

  function logout() {
    sessionStorage.removeItem('desk.token');
    sessionStorage.removeItem('desk.agency');
    state.token = '';
    state.agencyId = '';
    state.selected = null;
    showLogin();
  }

  function enterDesk() {
    $('login-panel').hidden = true;
    $('desk').hidden = false;
    $('who').hidden = false;
    $('who-agency').textContent = state.agencyName + '（' + state.agencyId + '）' + (state.admin ? ' · 管理员' : '');
    $('count-year').textContent = todayChina().slice(0, 4);
    state.agencies = [{ agencyId: state.agencyId, name: state.agencyName }];
    fillAgencySelect();
    loadAgencyNames();
    resetNewForm();
    selectRequest(null);
    refresh();
    if (state.timer) { clearInterval(state.timer); }
    state.timer = setInterval(refresh, REFRESH_MS);
  }

  // ---------- selects ----------
  function option(value, label) { return el('option', { value: value, text: label }); }

  function fillStaticSelects() {
    var t = state.taxonomy;
    var type = $('n-type');
    clear(type);
    type.appendChild(option('', '— 请选择 —'));
    t.applicantTypes.forEach(function (a) {
      type.appendChild(option(a.code, a.group ? a.group + '：' + a.label : a.label));
    });
    var ch = $('n-channel');
    clear(ch);
    ch.appendChild(option('', '— 请选择 —'));
    Object.keys(t.channels).forEach(function (k) { ch.appendChild(option(k, t.channels[k])); });
    var st = $('s-type');
    clear(st);
    Object.keys(t.eventTypes).forEach(function (k) {
      if (REQUEST_TYPES.indexOf(k) < 0) { st.appendChild(option(k, t.eventTypes[k])); }
    });
    st.value = 'DECIDED';
    t.outcomeGroups.forEach(function (g) {
      var m = /^（[^）]+）/.exec(g.group);
      g.outcomes.forEach(function (o) {
        state.outcomeLabels[o.code] = o.label.charAt(0) === '（' || !m ? o.label : m[0] + o.label;
      });
    });
  }

  function fillAgencySelect() {
    var s = $('n-agency');
    clear(s);
    state.agencies.forEach(function (a) {
      var indent = '';
      for (var i = 0; i < (a.depth || 0); i++) { indent += '\u3000'; }
      // the name first; the id only as a secondary detail
      s.appendChild(option(a.agencyId, indent + (a.depth ? '└ ' : '')
        + (!a.name || a.name === a.agencyId ? a.agencyId : a.name + '（' + a.agencyId + '）')));
    });
    s.value = state.agencyId;
  }

  // ---------- new application ----------
  function resetNewForm() {
    var f = $('new-form');
    clearErrors(f);
    $('n-type').value = '';
    $('n-channel').value = '';
    $('n-subject').value = '';
    $('n-regno').value = '';
    $('n-date').value = todayChina();
    $('n-date').max = todayChina();
    state.overdueChecked = null;
    $('n-overdue').hidden = true;
    state.pendingNew = null;
    $('n-id').textContent = newId('');
  }

  function submitNew(ev) {
    ev.preventDefault();
    var f = $('new-form');
    clearErrors(f);
    setMsg('new-msg', '');
    var body = {
      requestId: $('n-id').textContent,
      applicantType: $('n-type').value || null,
      receivedDate: $('n-date').value || null,
      channel: $('n-channel').value || null
    };
    var subject = $('n-subject').value.trim();
    if (subject) { body.subject = subject; }
    var regno = $('n-regno').value.trim();
    if (regno) { body.registrationNumber = regno; }
    // Same id for a retry of the same content; a changed form after a refusal gets a fresh id.
    if (state.pendingNew && JSON.stringify(state.pendingNew.body) !== JSON.stringify(body)) {
      body.requestId = newId('');
      $('n-id').textContent = body.requestId;
    }
    var missing = ['applicantType', 'receivedDate', 'channel'].filter(function (k) { return !body[k]; });
    if (missing.length) {
      missing.forEach(function (k) {
        f.querySelector('.err[data-for="' + k + '"]').textContent = FIELD_LABELS[k] + '：必填项';
        f.querySelector('[name="' + k + '"]').classList.add('invalid');
      });
      setMsg('new-msg', '未保存，请补全标红的项目。', false);
      return;
    }
    var agency = $('n-agency').value || state.agencyId;
    $('n-submit').disabled = true;
    checkOverdue(body.receivedDate).then(function (o) {
      if (o && state.overdueChecked !== body.receivedDate) {
        // warn before saving: a back-dated application already past its 20 working days
        state.overdueChecked = body.receivedDate;
        $('n-submit').disabled = false;
        setMsg('new-msg', '尚未登记。' + o + '核对无误后请再次点击「登记」。', false);
        return;
      }
      saveNew(f, agency, body, subject, regno);
    });
  }

  /**
   * The warning for a back-dated application already overdue (答复期限 = 20 working days after receipt, from the
   * dashboard's calendar), or null; null too when the dashboard cannot be reached (the 201's warnings still say it).
   */
  function checkOverdue(date) {
    var box = $('n-overdue');
    if (!date || date >= todayChina()) { box.hidden = true; return Promise.resolve(null); }
    return call('GET', state.dashboardUrl + '/api/v1/calendar/due-date?from=' + encodeURIComponent(date)
      + '&workingDays=20', undefined, false).then(function (r) {
      if ($('n-date').value !== date) { return null; }
      if (r.status !== 200 || !r.body || !r.body.dueDate || r.body.dueDate >= todayChina()) {
        box.hidden = true;
        return null;
      }
      var text = '按收到日期 ' + date + ' 计算，答复期限 ' + r.body.dueDate + ' 已过，登记后即显示为已超期。';
      box.textContent = text;
      box.hidden = false;
      return text;
    });
  }

  function saveNew(f, agency, body, subject, regno) {
    state.pendingNew = { body: body };
    $('n-submit').disabled = true;
    $('new-warnings').hidden = true;
    call('POST', 'api/v1/agencies/' + encodeURIComponent(agency) + '/requests', body).then(function (r) {
      $('n-submit').disabled = false;
      if (r.status === 201) {
        state.subjects[agency + '/' + r.body.requestId] = subject;
        resetNewForm();
        setMsg('new-msg', '已登记：申请编号 ' + r.body.requestId + (regno ? '（登记号 ' + regno + '）' : '')
          + '，答复期限 ' + (r.body.dueDate || '无') + (subject ? '。摘要：' + subject : ''), true);
        showWarnings(r.body.warnings);
        refresh();
      } else {
        showError(f, 'new-msg', failure(r));
      }
    });
  }

  // ---------- next step ----------
  function selectRequest(row) {
    state.selected = row;
    state.pendingStep = null;
    var f = $('step-form');
    clearErrors(f);
    setMsg('step-msg', '');
    Array.prototype.forEach.call(document.querySelectorAll('#open-table tbody tr'), function (tr) {
      tr.classList.toggle('selected', !!row && tr.dataset.key === row.agencyId + '/' + row.requestId);
    });
    if (!row) {
      f.hidden = true;
      $('step-none').hidden = false;
      return;
    }
    f.hidden = false;
    $('step-none').hidden = true;
    $('s-request').textContent = row.requestId + '（' + agencyName(row.agencyId) + '，' + row.receivedDate + ' 收到）';
    $('s-subject').textContent = state.subjects[row.agencyId + '/' + row.requestId] || '';
    $('s-date').value = todayChina();
    $('s-date').max = todayChina();
    $('s-type').value = 'DECIDED';
    drawStepFields();
  }

  function fieldRow(name, label, input, prefix) {
    input.name = name;
    input.id = (prefix || 's-f-') + name;
    return el('div', { className: 'row' }, [el('label', { 'for': input.id, text: label }), input,
      el('span', { className: 'err', 'data-for': name })]);
  }

  function selectOf(map, withEmpty) {
    var s = el('select');
    if (withEmpty) { s.appendChild(option('', withEmpty)); }
    Object.keys(map).forEach(function (k) { s.appendChild(option(k, map[k])); });
    return s;
  }

  function outcomeSelect(emptyLabel) {
    var s = el('select');
    s.appendChild(option('', emptyLabel));
    state.taxonomy.outcomeGroups.forEach(function (g) {
      var og = el('optgroup', { label: g.group });
      g.outcomes.forEach(function (o) {
        og.appendChild(option(o.code, o.label === g.group ? o.label : o.label));
      });
      s.appendChild(og);
    });
    return s;
  }

  function drawStepFields() {
    var box = $('s-fields');
    clear(box);
    var t = state.taxonomy;
    var type = $('s-type').value;
    var date = function () { var i = el('input', { type: 'date' }); return i; };
    switch (type) {
      case 'CORRECTION_REQUESTED':
        box.appendChild(fieldRow('dueBy', '补正期限', date()));
        box.appendChild(el('p', { className: 'hint', id: 's-dueby-hint',
          text: '请填写补正告知书载明的补正期限。不填写的，按告知之日起15个工作日计算；期限届满仍未补正的，列表中提示按视为放弃申请办结。' }));
        break;
      case 'FEE_PAID':
        box.appendChild(fieldRow('amountYuan', '缴费金额（元）',
          el('input', { type: 'number', min: '0', step: '0.01', placeholder: '如 100.00', 'data-kind': 'number' })));
        break;
      case 'CONSULTATION_STARTED':
        box.appendChild(fieldRow('party', '征求意见对象', selectOf(t.consultationParties, '— 请选择 —')));
        break;
      case 'EXTENSION_GRANTED':
        box.appendChild(fieldRow('workingDays', '延长工作日数（1–20）',
          el('input', { type: 'number', min: '1', max: '20', step: '1', value: '20' })));
        break;
      case 'DELAY_SET':
        box.appendChild(fieldRow('dueDate', '新的答复期限', date()));
        break;
      case 'DECIDED':
        box.appendChild(fieldRow('outcome', '办理结果', outcomeSelect('— 请选择办理结果 —')));
        var spot = el('input', { type: 'checkbox' });
        box.appendChild(fieldRow('onTheSpot', '当场答复', spot));
        break;
      case 'AMENDED':
        var types = {};
        t.applicantTypes.forEach(function (a) { types[a.code] = a.group ? a.group + '：' + a.label : a.label; });
        box.appendChild(el('p', { className: 'hint', text: '只填写需要更正的项目，其余留空。' }));
        box.appendChild(fieldRow('applicantType', '申请人类型', selectOf(types, '（不更正）')));
        box.appendChild(fieldRow('receivedDate', '收到申请日期', date()));
        box.appendChild(fieldRow('channel', '申请方式', selectOf(t.channels, '（不更正）')));
        box.appendChild(fieldRow('outcome', '办理结果', outcomeSelect('（不更正）')));
        break;
      case 'REVIEW_FILED':
        box.appendChild(fieldRow('caseId', '复议案号', el('input', { maxlength: '64', placeholder: '如 FY-2025-7' })));
        break;
      case 'REVIEW_CONCLUDED':
        box.appendChild(fieldRow('caseId', '复议案号', el('input', { maxlength: '64' })));
        box.appendChild(fieldRow('result', '复议结果', selectOf(t.appealResults, '— 请选择 —')));
        break;
      case 'LITIGATION_FILED':
        box.appendChild(fieldRow('caseId', '诉讼案号', el('input', { maxlength: '64' })));
        box.appendChild(fieldRow('afterReview', '经行政复议后起诉', el('input', { type: 'checkbox' })));
        break;
      case 'LITIGATION_CONCLUDED':
        box.appendChild(fieldRow('caseId', '诉讼案号', el('input', { maxlength: '64' })));
        box.appendChild(fieldRow('result', '诉讼结果', selectOf(t.appealResults, '— 请选择 —')));
        break;
      default:
        break;
    }
    Array.prototype.forEach.call(box.querySelectorAll('input, select'), function (i) {
      i.addEventListener('input', function () { i.classList.remove('invalid'); });
    });
  }

  function submitStep(ev) {
    ev.preventDefault();
    var row = state.selected;
    if (!row) { return; }
    var f = $('step-form');
    clearErrors(f);
    setMsg('step-msg', '');
    var body = { type: $('s-type').value, date: $('s-date').value || null };
    Array.prototype.forEach.call($('s-fields').querySelectorAll('input, select'), function (i) {
      if (i.type === 'checkbox') {
        body[i.name] = i.checked;
      } else if (i.value !== '') {
        body[i.name] = i.type === 'number' ? (isFinite(Number(i.value)) ? Number(i.value) : i.value) : i.value;
      }
    });
    var key = JSON.stringify([row.agencyId, row.requestId, body]);
    if (!state.pendingStep || state.pendingStep.key !== key) {
      state.pendingStep = { key: key, eventId: newId('ev') };
    }
    body.eventId = state.pendingStep.eventId;
    $('s-submit').disabled = true;
    call('POST', 'api/v1/agencies/' + encodeURIComponent(row.agencyId) + '/requests/'
      + encodeURIComponent(row.requestId) + '/events', body).then(function (r) {
      if (r.status === 202) {
        state.pendingStep = null;
        var label = state.taxonomy.eventTypes[body.type] || body.type;
        if (r.body && r.body.accepted === false) {
          $('s-submit').disabled = false;
          setMsg('step-msg', '未生效：' + label + '——' + (r.body.reason || ''), false);
          return;
        }
        // "saved" only once the request shows the step taken; a refusal is shown in red with its reason. Until then
        // the save button stays disabled (处理中), so an impatient second click cannot send the step again
        setMsg('step-msg', '处理中：已提交，正在确认是否生效……', true);
        refresh();
        follow(row.agencyId, row.requestId, body.eventId, 0, function (res) {
          $('s-submit').disabled = false;
          var still = state.selected && state.selected.agencyId === row.agencyId
            && state.selected.requestId === row.requestId;
          if (res.kind === 'accepted') {
            state.lastSaved = '已保存：' + row.requestId + ' · ' + label
              + (body.outcome ? ' · ' + outcomeLabel(body.outcome) : '');
            if (still) { setMsg('step-msg', state.lastSaved, true); }
            if (!state.selected || $('step-form').hidden) {
              $('step-none').textContent = state.lastSaved + '。' + (body.type === 'DECIDED' || body.type === 'WITHDRAWN'
                ? '该申请已办结。' : '') + '请在列表中点击另一条申请。';
            }
            refresh();
          } else if (res.kind === 'rejected') {
            if (still) { setMsg('step-msg', '未生效：' + label + '——' + res.reason, false); }
          } else if (still) {
            setMsg('step-msg', '已提交，系统尚未确认是否生效，请稍后在申请详情中查看。', true);
          }
          if (state.openRequest && state.openRequest.agencyId === row.agencyId
              && state.openRequest.requestId === row.requestId) { loadRequest(false); }
        });
      } else {
        $('s-submit').disabled = false;
        showError(f, 'step-msg', failure(r));
      }
    });
  }

  // ---------- lists from the dashboard ----------
  function refresh() {
    if (!state.agencyId) { return; }
    refreshOpen();
    refreshCounts();
    refreshRecent();
  }

  function refreshOpen() {
    var url = state.dashboardUrl + '/api/v1/agencies/' + encodeURIComponent(state.agencyId) + '/deadlines?scope=subtree';
    call('GET', url).then(function (r) {
      if (r.status !== 200 || !r.body || !r.body.requests) {
        setMsg('open-msg', '无法读取办理中的申请（' + (r.status === 0 ? '统计服务未连接' : failure(r).message) + '），稍后自动重试。', false);
        return;
      }
      setMsg('open-msg', '');
      var rows = r.body.requests.filter(function (q) { return String(q.deadlineStatus).indexOf('ANSWERED') !== 0; });
      rows.sort(function (a, b) {
        var x = a.workingDaysLeft === null || a.workingDaysLeft === undefined ? 1e9 : a.workingDaysLeft;
        var y = b.workingDaysLeft === null || b.workingDaysLeft === undefined ? 1e9 : b.workingDaysLeft;
        return x - y || String(a.receivedDate).localeCompare(String(b.receivedDate));
      });
      drawOpen(rows);
      $('open-count').textContent = '（' + rows.length + ' 件）';
      $('open-updated').textContent = '更新于 ' + new Date().toTimeString().slice(0, 8) + '，每5秒自动刷新';
    });
  }

  function drawOpen(rows) {
    var tbody = document.querySelector('#open-table tbody');
    clear(tbody);
    var agencies = {};
    agencies[state.agencyId] = state.agencyName;
    var selectedStill = false;
    rows.forEach(function (q) {
      var key = q.agencyId + '/' + q.requestId;
      if (!(key in state.subjects) || state.detailStatus[key] !== q.deadlineStatus) { fetchSubject(q); }
      if (!(q.agencyId in agencies)) { agencies[q.agencyId] = agencyName(q.agencyId); }
      var status = el('span', { className: 'st ' + q.deadlineStatus, text: STATUS_LABELS[q.deadlineStatus] || q.deadlineStatus });
      var tr = el('tr', { 'data-key': key, title: '点击查看详情、记录下一步办理环节' }, [
        el('td', { className: 'mono', text: q.requestId }),
        el('td', { className: 'agency', 'data-agency': q.agencyId, title: '机关编号 ' + q.agencyId, text: agencyName(q.agencyId) }),
        el('td', { className: 'subject', text: state.subjects[key] || '' }),
        el('td', { text: q.receivedDate || '' }),
        el('td', { text: q.dueDate || '—' }),
        el('td', { className: 'num' + (q.workingDaysLeft < 0 ? ' overdue' : ''), text: daysLeftCell(q.workingDaysLeft) }),
        el('td', {}, [status]),
        waitingCell(q)
      ]);
      tr.dataset.key = key;
      tr.dataset.status = q.deadlineStatus;
      if (state.selected && key === state.selected.agencyId + '/' + state.selected.requestId) {
        tr.classList.add('selected');
        selectedStill = true;
      }
      tr.addEventListener('click', function () {
        state.lastSaved = null;
        selectRequest(q);
        openRequest(q.agencyId, q.requestId);
      });
      tbody.appendChild(tr);
    });
    if (!rows.length) {
      tbody.appendChild(el('tr', {}, [el('td', { colspan: '8', className: 'hint', text: '暂无办理中的申请' })]));
    }
    if (state.selected && !selectedStill && !state.pendingStep) {
      // the step just saved closed it: keep the confirmation in view
      $('step-none').textContent = (state.lastSaved ? state.lastSaved + '。' : '')
        + '该申请已办结。请在列表中点击另一条申请。';
      selectRequest(null);
    }
    // an agency seen in the list but not yet in the select (the dashboard's agency list not read yet): add it
    var known = {};
    state.agencies.forEach(function (a) { known[a.agencyId] = true; });
    var added = Object.keys(agencies).filter(function (id) { return !known[id]; });
    if (added.length) {
      var current = $('n-agency').value;
      added.forEach(function (id) { state.agencies.push({ agencyId: id, name: agencies[id] }); });
      fillAgencySelect();
      if (current) { $('n-agency').value = current; }
    }
  }

  function fetchSubject(q) {
    var key = q.agencyId + '/' + q.requestId;
    if (state.fetching[key]) { return; }
    state.fetching[key] = true;
    call('GET', state.dashboardUrl + '/api/v1/agencies/' + encodeURIComponent(q.agencyId) + '/requests/'
      + encodeURIComponent(q.requestId)).then(function (r) {
      delete state.fetching[key];
      if (r.status === 200 && r.body) {
        state.subjects[key] = r.body.subject || '';
        state.details[key] = r.body;
        state.detailStatus[key] = q.deadlineStatus;
        var wait = document.querySelector('#open-table tbody tr[data-key="' + cssEscape(key) + '"] td.wait');
        if (wait) { wait.parentNode.replaceChild(waitingCell(q), wait); }
        var td = document.querySelector('#open-table tbody tr[data-key="' + cssEscape(key) + '"] td.subject');
        if (td) { td.textContent = state.subjects[key]; }
        if (state.selected && state.selected.agencyId + '/' + state.selected.requestId === key) {
          $('s-subject').textContent = state.subjects[key];
        }
      }
    });
  }

  function refreshCounts() {
    var year = todayChina().slice(0, 4);
    var url = state.dashboardUrl + '/api/v1/agencies/' + encodeURIComponent(state.agencyId) + '/reports/' + year
      + '/table3?scope=subtree';
    call('GET', url, undefined, false).then(function (r) {
      if (r.status !== 200 || !r.body || !r.body.rows) {
        setMsg('count-msg', '无法读取统计（' + (r.status === 0 ? '统计服务未连接' : failure(r).message) + '）', false);
        return;
      }
      setMsg('count-msg', '');
      var t = state.taxonomy;
      var total = (r.body.columns || []).indexOf('TOTAL');
      if (total < 0) { total = 6; }
      var labels = {};
      t.rows.forEach(function (row) {
        // （七）总计 alone does not say what it totals: give it its section, 三、本年度办理结果
        labels[row.code] = row.section && row.section !== row.label ? row.section + '：' + row.label : row.label;
      });
      var tbody = document.querySelector('#count-table tbody');
      clear(tbody);
      t.summaryRows.forEach(function (code) {
        var v = r.body.rows[code] ? r.body.rows[code][total] : 0;
        var tr = el('tr', { 'data-row': code }, [el('td', { text: labels[code] || code }),
          el('td', { className: 'num', text: String(v) })]);
        tbody.appendChild(tr);
      });
    });
  }


  // ---------- names and labels ----------
  /** 剩余 N 个工作日, 今日到期, or 已超期 N 个工作日 (never 「剩余 -N」). */
  function daysLeftText(n) {
    if (n < 0) { return '已超期 ' + (-n) + ' 个工作日'; }
    return n === 0 ? '今日到期' : '剩余 ' + n + ' 个工作日';
  }

  function daysLeftCell(n) {
    if (n === null || n === undefined) { return '—'; }
    return n < 0 ? '已超期 ' + (-n) : String(n);
  }

  /** The agencies this desk may act for, with their names, from the dashboard's agency list (its own subtree). */
  function loadAgencyNames() {
    call('GET', state.dashboardUrl + '/api/v1/agencies', undefined, false).then(function (r) {
      if (r.status !== 200 || !r.body || !r.body.agencies) { return; }
      var list = r.body.agencies;
      var own = -1;
      for (var i = 0; i < list.length; i++) { if (list[i].agencyId === state.agencyId) { own = i; break; } }
      if (own < 0) { return; }
      var mine = [list[own]];
      for (var j = own + 1; j < list.length && list[j].depth > list[own].depth; j++) { mine.push(list[j]); }
      mine.forEach(function (a) {
        if (a.name) {
          state.agencyNames[a.agencyId] = a.name;
          Array.prototype.forEach.call(document.querySelectorAll('td.agency[data-agency="' + cssEscape(a.agencyId) + '"]'),
            function (td) { td.textContent = a.name; });
        }
      });
      var current = $('n-agency').value;
      state.agencies = mine.map(function (a) {
        return { agencyId: a.agencyId, name: a.name || a.agencyId, depth: a.depth - list[own].depth };
      });
      fillAgencySelect();
      if (current) { $('n-agency').value = current; }
    });
  }

  function agencyName(id) {
    if (!id) { return ''; }
    if (state.agencyNames[id]) { return state.agencyNames[id]; }
    fetchAgencyName(id);
    return id;
  }

  function fetchAgencyName(id) {
    if (state.fetching['agency:' + id]) { return; }
    state.fetching['agency:' + id] = true;
    call('GET', 'api/v1/agencies/' + encodeURIComponent(id)).then(function (r) {
      if (r.status === 200 && r.body && r.body.name) {
        state.agencyNames[id] = r.body.name;
        Array.prototype.forEach.call(document.querySelectorAll('td.agency[data-agency="' + cssEscape(id) + '"]'),
          function (td) { td.textContent = r.body.name; });
      }
    });
  }

  function outcomeLabel(code) {
    if (!code) { return ''; }
    return state.outcomeLabels[code] || (state.taxonomy.outcomes && state.taxonomy.outcomes[code]) || code;
  }

  function typeLabel(type) {
    if (type === 'RECEIVED') { return '收到申请'; }
    return state.taxonomy.eventTypes[type] || type;
  }

  function applicantLabel(code) {
    var found = null;
    state.taxonomy.applicantTypes.forEach(function (a) {
      if (a.code === code) { found = a.group ? a.group + '：' + a.label : a.label; }
    });
    return found || code || '';
  }

  function statusText(body) {
    if (body.voided) { return '已作废'; }
    return body.status === 'OPEN' ? '办理中' : body.status === 'CLOSED' ? '已办结' : (body.status || '');
  }

  var CASE_KINDS = { REVIEW: '行政复议', LITIGATION: '行政诉讼' };

  /** The detail of a history entry in words: codes become their Chinese labels. */
  function translateDetail(detail) {
    if (!detail) { return ''; }
    var t = state.taxonomy;
    var words = [
      [/, on the spot \(当场答复\)/g, '，当场答复'], [/correction due by /g, '补正期限 '], [/\+(\d+) working days/g, '延长 $1 个工作日'],
      [/applicantType=/g, '申请人类型：'], [/receivedDate=/g, '收到日期：'], [/channel=/g, '申请方式：'],
      [/outcome=/g, '办理结果：'], [/decidedDate=/g, '答复日期：'], [/filedDate=/g, '立案日期：'],
      [/concludedDate=/g, '审结日期：'], [/result=/g, '结果：'], [/afterReview=true/g, '复议后起诉：是'],
      [/afterReview=false/g, '复议后起诉：否'], [/caseNumber=/g, '案号：'], [/ after review/g, '，复议后起诉'],
      [/ direct\b/g, '，直接起诉'], [/\bcase /g, '案件 '], [/, due /g, '，期限 '], [/^due /g, '期限 ']
    ];
    var out = String(detail);
    words.forEach(function (w) { out = out.replace(w[0], w[1]); });
    return out.replace(/\b[A-Z][A-Z_]{2,}\b/g, function (code) {
      if (state.outcomeLabels[code]) { return state.outcomeLabels[code]; }
      if (t.channels[code]) { return t.channels[code]; }
      if (t.appealResults[code]) { return t.appealResults[code]; }
      if (t.consultationParties[code]) { return t.consultationParties[code]; }
      if (REOPEN_REASONS[code]) { return REOPEN_REASONS[code]; }
      var a = applicantLabel(code);
      return a || code;
    });
  }

  function showWarnings(list) {
    var box = $('new-warnings');
    var ul = $('new-warnings-list');
    clear(ul);
    if (!list || !list.length) { box.hidden = true; return; }
    list.forEach(function (w) {
      ul.appendChild(el('li', { 'data-code': w.code || '', text: w.message || w.code || '' }));
    });
    box.hidden = false;
  }

  // ---------- what a paused or lapsed request waits for ----------
  /** The pause still running on a request, from its history: {what, since} or null. */
  function pauseOf(detail) {
    if (!detail || !detail.history) { return null; }
    var open = null;
    detail.history.forEach(function (h) {
      switch (h.type) {
        case 'CORRECTION_REQUESTED': open = { what: '等待申请人补正', since: h.date }; break;
        case 'CONSULTATION_STARTED': open = { what: '征求意见中', since: h.date }; break;
        case 'FEE_NOTICE_ISSUED': open = { what: '等待申请人缴费', since: h.date }; break;
        case 'CORRECTION_RECEIVED': case 'CONSULTATION_ENDED': case 'FEE_PAID': open = null; break;
        default: break;
      }
    });
    return open;
  }

  function waitingCell(q) {
    var key = q.agencyId + '/' + q.requestId;
    var d = state.details[key];
    var td = el('td', { className: 'wait' });
    if (q.deadlineStatus === 'LAPSED' && q.lapse) {
      var kind = LAPSE_KINDS[q.lapse.kind] || q.lapse.kind;
      td.appendChild(el('div', { text: '逾期未' + kind + '，自 ' + q.lapse.since + ' 起可按视为放弃申请办结' }));
      var b = el('button', { type: 'button', className: 'small lapse-close', text: '按视为放弃申请办结' });
      b.addEventListener('click', function (ev) { ev.stopPropagation(); startLapse(q); });
      td.appendChild(b);
    } else if (q.deadlineStatus === 'PAUSED') {
      var p = pauseOf(d);
      if (p) {
        td.textContent = p.what + '（自 ' + p.since + ' 起暂停计时）';
      } else if (d && d.explanation && d.explanation.length) {
        td.textContent = d.explanation[d.explanation.length - 1];
      } else {
        td.textContent = '暂停计时';
      }
    }
    if (d && d.explanation && d.explanation.length) { td.title = d.explanation.join('\n'); }
    return td;
  }

  // ---------- one-click close of a lapsed request (the clerk confirms; nothing closes by itself) ----------
  function startLapse(q) {
    var key = q.agencyId + '/' + q.requestId;
    state.lapse = { q: q, eventId: null, key: null };
    var kind = LAPSE_KINDS[q.lapse.kind] || q.lapse.kind;
    $('lapse-text').textContent = '申请 ' + q.requestId + (state.subjects[key] ? '（' + state.subjects[key] + '）' : '')
      + '：申请人逾期未' + kind + '，自 ' + q.lapse.since + ' 起视为放弃申请。确认后将以「'
      + outcomeLabel(q.lapse.suggestedOutcome) + '」作出答复并办结。请核对答复日期；系统不会自动办结。';
    $('lapse-date').value = q.lapse.since;
    $('lapse-date').min = q.lapse.since;
    $('lapse-date').max = todayChina();
    $('lapse-confirm').querySelector('.err').textContent = '';
    setMsg('lapse-msg', '');
    $('lapse-ok').disabled = false;
    $('lapse-confirm').hidden = false;
    $('lapse-confirm').dataset.key = key;
    $('lapse-confirm').scrollIntoView({ block: 'nearest' });
  }

  function cancelLapse() {
    state.lapse = null;
    $('lapse-confirm').hidden = true;
  }

  function confirmLapse() {
    var l = state.lapse;
    if (!l) { return; }
    var q = l.q;
    var body = { type: 'DECIDED', date: $('lapse-date').value || null, outcome: q.lapse.suggestedOutcome };
    var key = JSON.stringify([q.agencyId, q.requestId, body]);
    if (l.key !== key) { l.key = key; l.eventId = newId('ev'); }
    body.eventId = l.eventId;
    $('lapse-ok').disabled = true;
    $('lapse-confirm').querySelector('.err').textContent = '';
    setMsg('lapse-msg', '正在保存……', true);
    postEvent(q.agencyId, q.requestId, body, function (res) {
      if (state.lapse !== l) { return; }
      $('lapse-ok').disabled = false;
      if (res.kind === 'error') {
        if (res.err.field === 'date') {
          $('lapse-confirm').querySelector('.err').textContent = '答复日期：' + res.err.message;
        }
        setMsg('lapse-msg', '未保存：' + res.err.message, false);
      } else if (res.kind === 'rejected') {
        setMsg('lapse-msg', '未生效：' + res.reason, false);
      } else if (res.kind === 'accepted') {
        state.lapse = null;
        $('lapse-confirm').hidden = true;
        setMsg('open-msg', '已办结：申请 ' + q.requestId + '，' + outcomeLabel(body.outcome) + '，答复日期 ' + body.date, true);
        refresh();
        openRequest(q.agencyId, q.requestId);
      } else {
        setMsg('lapse-msg', '已提交，系统尚未确认是否生效，请稍后在申请详情中查看。', true);
      }
    });
  }

  /**
   * POSTs a step and follows it until the request shows it taken or refused. done({kind: 'error', err} |
   * {kind: 'rejected', reason} | {kind: 'accepted', body} | {kind: 'unknown'}).
   */
  function postEvent(agencyId, requestId, body, done) {
    call('POST', 'api/v1/agencies/' + encodeURIComponent(agencyId) + '/requests/' + encodeURIComponent(requestId)
      + '/events', body).then(function (r) {
      if (r.status !== 202) { done({ kind: 'error', err: failure(r) }); return; }
      if (r.body && r.body.accepted === false) { done({ kind: 'rejected', reason: r.body.reason || '' }); return; }
      follow(agencyId, requestId, body.eventId, 0, done);
    });
  }

  function follow(agencyId, requestId, eventId, tries, done) {
    call('GET', requestUrl(agencyId, requestId)).then(function (r) {
      if (r.status === 200 && r.body) {
        var key = agencyId + '/' + requestId;
        state.details[key] = r.body;
        var refused = (r.body.rejected || []).filter(function (x) { return x.eventId === eventId; })[0];
        if (refused) { done({ kind: 'rejected', reason: refused.reason || '', body: r.body }); return; }
        var taken = (r.body.history || []).some(function (h) { return h.eventId === eventId; });
        if (taken) { done({ kind: 'accepted', body: r.body }); return; }
      }
      if (tries >= 30) { done({ kind: 'unknown' }); return; }
      setTimeout(function () { follow(agencyId, requestId, eventId, tries + 1, done); }, 700);
    });
  }

  function requestUrl(agencyId, requestId) {
    return state.dashboardUrl + '/api/v1/agencies/' + encodeURIComponent(agencyId) + '/requests/'
      + encodeURIComponent(requestId);
  }

  // ---------- search and the recently decided ----------
  function searchUrl(q, status, limit) {
    return state.dashboardUrl + '/api/v1/agencies/' + encodeURIComponent(state.agencyId) + '/request-search?scope=subtree'
      + '&status=' + status + '&limit=' + limit + (q ? '&q=' + encodeURIComponent(q) : '');
  }

  function search() {
    var q = $('q').value.trim();
    var f = $('search-form');
    clearErrors(f);
    setMsg('search-msg', '');
    $('q-submit').disabled = true;
    call('GET', searchUrl(q, $('q-status').value, 50)).then(function (r) {
      $('q-submit').disabled = false;
      if (r.status !== 200 || !r.body) {
        showError(f, 'search-msg', failure(r));
        return;
      }
      drawFound($('search-table'), r.body.requests || []);
      $('search-table').hidden = false;
      setMsg('search-msg', (q ? '“' + q + '”：' : '') + '找到 ' + r.body.total + ' 件'
        + (r.body.total > (r.body.requests || []).length ? '，显示最新的 ' + r.body.requests.length + ' 件' : '')
        + (r.body.total ? '。点击一行查看详情。' : '。'), r.body.total > 0);
    });
  }

  function refreshRecent() {
    call('GET', searchUrl('', 'closed', 20)).then(function (r) {
      if (r.status !== 200 || !r.body) {
        setMsg('recent-msg', '无法读取最近办结的申请（' + (r.status === 0 ? '统计服务未连接' : failure(r).message) + '）', false);
        return;
      }
      setMsg('recent-msg', '');
      drawFound($('recent-table'), r.body.requests || []);
    });
  }

  function drawFound(table, list) {
    var tbody = table.querySelector('tbody');
    clear(tbody);
    list.forEach(function (q) {
      if (q.agencyName) { state.agencyNames[q.agencyId] = q.agencyName; }
      var st = q.voided ? el('span', { className: 'st OVERDUE', text: '已作废' })
        : el('span', { className: 'st ' + (q.deadlineStatus || ''), text: statusText(q)
          + (q.deadlineStatus && STATUS_LABELS[q.deadlineStatus] ? '·' + STATUS_LABELS[q.deadlineStatus] : '') });
      var tr = el('tr', { 'data-key': q.agencyId + '/' + q.requestId, 'data-status': q.status || '',
        title: '点击查看详情' }, [
        el('td', { className: 'mono', text: q.requestId }),
        el('td', { className: 'regno', text: q.registrationNumber || '' }),
        el('td', { className: 'agency', 'data-agency': q.agencyId, text: q.agencyName || agencyName(q.agencyId) }),
        el('td', { className: 'subject', text: q.subject || '' }),
        el('td', {}, [st]),
        el('td', { className: 'outcome', text: outcomeLabel(q.outcome) }),
        el('td', { text: q.decidedDate || '' })
      ]);
      tr.addEventListener('click', function () { openRequest(q.agencyId, q.requestId); });
      tbody.appendChild(tr);
    });
    if (!list.length) {
      tbody.appendChild(el('tr', {}, [el('td', { colspan: '7', className: 'hint', text: '没有符合条件的申请' })]));
    }
  }

  // ---------- the request page ----------
  function openRequest(agencyId, requestId) {
    var same = state.openRequest && state.openRequest.agencyId === agencyId && state.openRequest.requestId === requestId;
    if (!same) {
      state.openRequest = { agencyId: agencyId, requestId: requestId, body: null };
      state.pendingReq = null;
      setMsg('r-msg', '');
      clearErrors($('r-form'));
    }
    $('req-panel').hidden = false;
    $('r-title').textContent = requestId;
    setMsg('r-load-msg', '正在读取……', true);
    loadRequest(!same);
    if (!same) { $('req-panel').scrollIntoView({ block: 'start' }); }
  }

  function closeRequest() {
    state.openRequest = null;
    state.pendingReq = null;
    $('req-panel').hidden = true;
  }

  function loadRequest(redrawForm) {
    var o = state.openRequest;
    if (!o) { return; }
    call('GET', requestUrl(o.agencyId, o.requestId)).then(function (r) {
      if (state.openRequest !== o) { return; }
      if (r.status !== 200 || !r.body) {
        setMsg('r-load-msg', '无法读取该申请：' + failure(r).message, false);
        return;
      }
      setMsg('r-load-msg', '');
      drawRequest(r.body, redrawForm);
    });
  }

  function fact(dl, key, label, value) {
    if (value === null || value === undefined || value === '') { return; }
    dl.appendChild(el('dt', { 'data-k': key, text: label }));
    dl.appendChild(el('dd', { 'data-k': key, text: String(value) }));
  }

  function drawRequest(b, redrawForm) {
    var o = state.openRequest;
    var before = o.body;
    o.body = b;
    state.details[b.agencyId + '/' + b.requestId] = b;
    var t = state.taxonomy;
    var dl = $('r-facts');
    clear(dl);
    fact(dl, 'requestId', '申请编号', b.requestId);
    fact(dl, 'registrationNumber', '登记号', b.registrationNumber || '（未填写）');
    fact(dl, 'agency', '受理机关', agencyName(b.agencyId));
    fact(dl, 'subject', '申请内容摘要', b.subject || '（未填写）');
    fact(dl, 'receivedDate', '收到申请日期', b.receivedDate);
    fact(dl, 'applicantType', '申请人类型', applicantLabel(b.applicantType));
    fact(dl, 'channel', '申请方式', t.channels[b.channel] || b.channel);
    fact(dl, 'status', '状态', statusText(b)
      + (b.deadlineStatus ? '（' + (STATUS_LABELS[b.deadlineStatus] || b.deadlineStatus) + '）' : ''));
    if (b.status === 'OPEN' && b.dueDate) {
      fact(dl, 'dueDate', '答复期限', b.dueDate + (b.workingDaysLeft === null || b.workingDaysLeft === undefined ? ''
        : '（' + daysLeftText(b.workingDaysLeft) + '）') + (b.provisional ? '，节假日安排未公布，暂按预估计算' : ''));
    }
    fact(dl, 'outcome', '办理结果', outcomeLabel(b.outcome));
    fact(dl, 'decidedDate', '答复日期', b.decidedDate);
    if (b.counted && (b.counted.outcome !== b.outcome || b.counted.decidedDate !== b.decidedDate)) {
      fact(dl, 'counted', '统计按', outcomeLabel(b.counted.outcome) + '，' + b.counted.decidedDate
        + '（表三按原答复统计，重新答复不另计）');
    }
    if (b.reanswer) {
      fact(dl, 'reanswer', '责令重新答复', b.reanswer.date + ' 起'
        + (b.reanswer.caseId ? '，案件 ' + caseName(b, b.reanswer.caseId) : '')
        + (b.reanswer.dueDate ? '，重新答复期限 ' + b.reanswer.dueDate : ''));
    }
    if (b.lapse) {
      fact(dl, 'lapse', '逾期', '申请人逾期未' + (LAPSE_KINDS[b.lapse.kind] || b.lapse.kind) + '，自 ' + b.lapse.since
        + ' 起可按「' + outcomeLabel(b.lapse.suggestedOutcome) + '」办结');
      if (b.status === 'OPEN') {
        var lb = el('button', { type: 'button', className: 'small', id: 'r-lapse-close', text: '按视为放弃申请办结' });
        lb.addEventListener('click', function () {
          startLapse({ agencyId: b.agencyId, requestId: b.requestId, lapse: b.lapse });
        });
        dl.appendChild(el('dt', {}));
        dl.appendChild(el('dd', {}, [lb]));
      }
    }
    if (b.voided) {
      fact(dl, 'voided', '已作废', b.voided.date + '，原因：' + (b.voided.reason || ''));
    }
    if (b.fees && b.fees.length) {
      var fen = 0;
      b.fees.forEach(function (f) { fen += Number(f.fen) || 0; });
      fact(dl, 'fees', '信息处理费', (fen / 100).toFixed(2) + ' 元（' + b.fees.length + ' 笔）');
    }

    var ex = $('r-explanation');
    clear(ex);
    (b.explanation || []).forEach(function (line) { ex.appendChild(el('li', { text: line })); });
    $('r-explanation-box').hidden = !(b.explanation && b.explanation.length);

    var cases = caseList(b);
    var ct = document.querySelector('#r-cases tbody');
    clear(ct);
    cases.forEach(function (c) {
      ct.appendChild(el('tr', { 'data-case': c.caseId }, [
        el('td', { className: 'mono', text: c.caseId }),
        el('td', { text: (CASE_KINDS[c.kind] || c.kind) + (c.kind === 'LITIGATION' ? (c.afterReview ? '（复议后起诉）' : '（直接起诉）') : '') }),
        el('td', { className: 'case-number', text: c.caseNumber || '（未填写）' }),
        el('td', { text: c.filedDate || '' }),
        el('td', { text: c.concludedDate || '尚未审结' }),
        el('td', { text: c.result ? (t.appealResults[c.result] || c.result) : '' })
      ]));
    });
    $('r-cases-box').hidden = !cases.length;

    var rj = $('r-rejected');
    clear(rj);
    (b.rejected || []).forEach(function (x) {
      rj.appendChild(el('li', { 'data-event': x.eventId || '', text: (x.date || '') + ' ' + typeLabel(x.type) + '：'
        + (x.reason || '') }));
    });
    $('r-rejected-box').hidden = !(b.rejected && b.rejected.length);

    var ht = document.querySelector('#r-history tbody');
    clear(ht);
    (b.history || []).forEach(function (h) {
      ht.appendChild(el('tr', { 'data-event': h.eventId || '', 'data-type': h.type || '' }, [
        el('td', { text: h.date || '' }),
        el('td', { text: typeLabel(h.type) }),
        el('td', { text: translateDetail(h.detail) }),
        el('td', { className: 'hint', text: h.recordedAt ? new Date(h.recordedAt).toLocaleString('zh-CN', { hour12: false }) : '' })
      ]));
    });

    var signature = function (x) { return x ? [x.status, !!x.voided, caseList(x).map(function (c) { return c.caseId + c.kind; }).join()].join('|') : ''; };
    if (redrawForm || signature(before) !== signature(b)) { drawRequestTypes(); }
  }

  function caseList(b) {
    var c = b.cases || [];
    return Array.isArray(c) ? c : Object.keys(c).map(function (k) { return c[k]; });
  }

  function caseName(b, caseId) {
    var c = caseList(b).filter(function (x) { return x.caseId === caseId; })[0];
    return c && c.caseNumber ? c.caseNumber + '（' + caseId + '）' : caseId;
  }

  function drawRequestTypes() {
    var b = state.openRequest.body;
    var sel = $('r-type');
    var current = sel.value;
    clear(sel);
    var f = $('r-form');
    if (b.voided) {
      f.hidden = true;
      return;
    }
    f.hidden = false;
    REQUEST_TYPES.forEach(function (k) {
      if (k === 'REOPENED' && b.status !== 'CLOSED') { return; }
      sel.appendChild(option(k, state.taxonomy.eventTypes[k] || k));
    });
    if (current && sel.querySelector('option[value="' + cssEscape(current) + '"]')) { sel.value = current; }
    $('r-date').value = $('r-date').value || todayChina();
    $('r-date').max = todayChina();
    drawRequestFields();
  }

  var REQUEST_HINTS = {
    REVIEW_FILED: '申请人就本申请的答复（或未答复）申请行政复议。案号按复议机关文书填写，如 固复〔2026〕3号；'
      + '案件编号是本系统用来把立案与结果对应起来的简短编号（字母、数字）。日期为复议机关受理之日。',
    LITIGATION_FILED: '申请人就本申请提起行政诉讼。案号按法院文书填写；经行政复议后起诉的请勾选。日期为法院立案之日。',
    REVIEW_CONCLUDED: '复议机关作出复议决定。请选择案件，日期为决定之日。',
    LITIGATION_CONCLUDED: '法院作出判决或裁定。请选择案件，日期为判决、裁定之日。',
    AMENDED: '更正登记时录入错误的项目：只填写需要更正的项目，其余留空。更正复议、诉讼案件的，先选择案件再填写要更正的项。',
    REOPENED: '登记错误撤销答复：答复系误录，撤销后申请恢复办理，按原有期限计时（已重新答复的，只撤销重新答复）。'
      + '责令重新答复：复议机关或法院责令重新答复，须选择对应案件；原答复仍按原统计，新的答复不填写期限的，按20个工作日计算。',
    VOIDED: '作废误登、重复登记或测试的登记，作废后不计入任何统计表，原因将保留。受理窗口只能作废本机关尚未作出答复、'
      + '没有复议或诉讼案件、所属年度年报尚未发布的申请；其他情形请联系管理员办理。'
  };

  function caseSelect(b, kind, emptyLabel) {
    var s = el('select');
    s.appendChild(option('', emptyLabel));
    caseList(b).forEach(function (c) {
      if (kind && c.kind !== kind) { return; }
      s.appendChild(option(c.caseId, (CASE_KINDS[c.kind] || c.kind) + ' ' + (c.caseNumber || c.caseId)
        + (c.caseNumber ? '（' + c.caseId + '）' : '') + (c.concludedDate ? '，已审结' : '')));
    });
    return s;
  }

  function nextCaseId(b, prefix) {
    var n = caseList(b).length + 1;
    var ids = caseList(b).map(function (c) { return c.caseId; });
    while (ids.indexOf(prefix + n) >= 0) { n++; }
    return prefix + n;
  }

  function drawRequestFields() {
    var b = state.openRequest.body;
    var box = $('r-fields');
    clear(box);
    var t = state.taxonomy;
    var type = $('r-type').value;
    var P = 'r-f-';
    var date = function () { return el('input', { type: 'date', max: todayChina() }); };
    var row = function (name, label, input) { box.appendChild(fieldRow(name, label, input, P)); };
    $('r-type-hint').textContent = REQUEST_HINTS[type] || '';
    var yesNo = function () {
      var s = el('select', { 'data-kind': 'bool' });
      s.appendChild(option('', '（不更正）'));
      s.appendChild(option('true', '是'));
      s.appendChild(option('false', '否'));
      return s;
    };
    switch (type) {
      case 'REVIEW_FILED':
        row('caseNumber', '案号', el('input', { maxlength: '100', placeholder: '如 固复〔2026〕3号' }));
        row('caseId', '案件编号', el('input', { maxlength: '64', value: nextCaseId(b, 'FY') }));
        break;
      case 'LITIGATION_FILED':
        row('caseNumber', '案号', el('input', { maxlength: '100', placeholder: '如 （2026）皖0323行初5号' }));
        row('caseId', '案件编号', el('input', { maxlength: '64', value: nextCaseId(b, 'SS') }));
        row('afterReview', '经行政复议后起诉', el('input', { type: 'checkbox' }));
        break;
      case 'REVIEW_CONCLUDED':
        row('caseId', '复议案件', caseSelect(b, 'REVIEW', '— 请选择 —'));
        row('result', '复议结果', selectOf(t.appealResults, '— 请选择 —'));
        break;
      case 'LITIGATION_CONCLUDED':
        row('caseId', '诉讼案件', caseSelect(b, 'LITIGATION', '— 请选择 —'));
        row('result', '诉讼结果', selectOf(t.appealResults, '— 请选择 —'));
        break;
      case 'AMENDED':
        var types = {};
        t.applicantTypes.forEach(function (a) { types[a.code] = a.group ? a.group + '：' + a.label : a.label; });
        row('applicantType', '申请人类型', selectOf(types, '（不更正）'));
        row('receivedDate', '收到申请日期', date());
        row('channel', '申请方式', selectOf(t.channels, '（不更正）'));
        if (b.status === 'CLOSED') {
          row('outcome', '办理结果', outcomeSelect('（不更正）'));
          row('decidedDate', '答复日期', date());
        }
        if (caseList(b).length) {
          box.appendChild(el('p', { className: 'hint', text: '更正复议、诉讼案件：' }));
          row('caseId', '案件', caseSelect(b, null, '（不更正案件）'));
          row('caseNumber', '案号', el('input', { maxlength: '100' }));
          row('filedDate', '立案日期', date());
          row('concludedDate', '审结日期', date());
          row('result', '结果', selectOf(t.appealResults, '（不更正）'));
          row('afterReview', '复议后起诉', yesNo());
        }
        break;
      case 'REOPENED':
        row('reason', '重新办理原因', selectOf(REOPEN_REASONS, '— 请选择 —'));
        row('caseId', '责令重新答复的案件', caseSelect(b, null, '（登记错误时不选）'));
        row('dueDate', '重新答复期限（可不填）', el('input', { type: 'date' }));
        break;
      case 'VOIDED':
        row('reason', '作废原因', el('textarea', { rows: '2', maxlength: '500', placeholder: '如：与申请 2026-012 重复登记' }));
        break;
      default:
        break;
    }
    Array.prototype.forEach.call(box.querySelectorAll('input, select, textarea'), function (i) {
      i.addEventListener('input', function () { i.classList.remove('invalid'); });
    });
  }

  function submitRequestStep(ev) {
    ev.preventDefault();
    var o = state.openRequest;
    if (!o || !o.body) { return; }
    var f = $('r-form');
    clearErrors(f);
    setMsg('r-msg', '');
    var body = { type: $('r-type').value, date: $('r-date').value || null };
    Array.prototype.forEach.call($('r-fields').querySelectorAll('input, select, textarea'), function (i) {
      var v = i.value.trim ? i.value.trim() : i.value;
      if (i.type === 'checkbox') {
        body[i.name] = i.checked;
      } else if (v !== '') {
        body[i.name] = i.getAttribute('data-kind') === 'bool' ? v === 'true'
          : i.type === 'number' ? (isFinite(Number(v)) ? Number(v) : v) : v;
      }
    });
    var missing = [];
    if (body.type === 'REVIEW_FILED' || body.type === 'LITIGATION_FILED' || body.type === 'REVIEW_CONCLUDED'
        || body.type === 'LITIGATION_CONCLUDED') {
      if (!body.caseId) { missing.push('caseId'); }
    }
    if ((body.type === 'REVIEW_CONCLUDED' || body.type === 'LITIGATION_CONCLUDED') && !body.result) { missing.push('result'); }
    if ((body.type === 'REOPENED' || body.type === 'VOIDED') && !body.reason) { missing.push('reason'); }
    if (body.type === 'REOPENED' && body.reason === 'REANSWER_ORDERED' && !body.caseId) { missing.push('caseId'); }
    if (!body.date) { missing.push('date'); }
    if (missing.length) {
      missing.forEach(function (k) {
        var slot = f.querySelector('.err[data-for="' + k + '"]');
        if (slot) { slot.textContent = (FIELD_LABELS[k] || k) + '：必填项'; }
        var input = f.querySelector('[name="' + k + '"]');
        if (input) { input.classList.add('invalid'); }
      });
      setMsg('r-msg', '未保存，请补全标红的项目。', false);
      return;
    }
    var key = JSON.stringify([o.agencyId, o.requestId, body]);
    if (!state.pendingReq || state.pendingReq.key !== key) {
      state.pendingReq = { key: key, eventId: newId('ev') };
    }
    body.eventId = state.pendingReq.eventId;
    var label = state.taxonomy.eventTypes[body.type] || body.type;
    $('r-submit').disabled = true;
    setMsg('r-msg', '正在保存……', true);
    postEvent(o.agencyId, o.requestId, body, function (res) {
      if (state.openRequest !== o) { return; }
      $('r-submit').disabled = false;
      if (res.kind === 'error') {
        showError(f, 'r-msg', res.err);
        return;
      }
      state.pendingReq = null;
      if (res.kind === 'rejected') {
        setMsg('r-msg', '未生效：' + label + '——' + res.reason, false);
      } else if (res.kind === 'accepted') {
        setMsg('r-msg', '已保存：' + label + (body.caseNumber ? '，案号 ' + body.caseNumber : ''), true);
      } else {
        setMsg('r-msg', '已提交，系统尚未确认是否生效，请稍后刷新查看。', true);
      }
      if (res.body) { drawRequest(res.body, false); } else { loadRequest(false); }
      refresh();
    });
  }

  document.addEventListener('DOMContentLoaded', boot);
}());
