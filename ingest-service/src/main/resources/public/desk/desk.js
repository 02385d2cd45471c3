/* 依申请公开受理窗口 — the request desk page. Plain JS, no external assets.
 * Every dynamic string goes into the page through textContent (never innerHTML), so a subject such as
 * <script>alert(1)</script> is shown as text. */
(function () {
  'use strict';

  var REFRESH_MS = 5000;
  var STATUS_LABELS = { ON_TRACK: '正常', DUE_SOON: '即将到期', OVERDUE: '已超期', PAUSED: '暂停计时',
    ANSWERED_ON_TIME: '已按期答复', ANSWERED_LATE: '已逾期答复' };
  var FIELD_LABELS = { applicantType: '申请人类型', receivedDate: '收到申请日期', channel: '申请方式', subject: '申请内容摘要',
    requestId: '申请编号', agencyId: '机关', type: '办理环节', date: '日期', dueBy: '补正期限', party: '征求意见对象',
    workingDays: '延长工作日数', dueDate: '新的答复期限', outcome: '办理结果', onTheSpot: '当场答复', caseId: '案号',
    afterReview: '经复议后起诉', result: '结果', eventId: '事件编号', token: '令牌' };

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

  function failure(r) {
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
    $('s-cancel').addEventListener('click', function () { selectRequest(null); });
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
      if (r.status !== 200) {
        state.token = '';
        sessionStorage.removeItem('desk.token');
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
        $('token').value = '';
        enterDesk();
      });
    });
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
    Object.keys(t.eventTypes).forEach(function (k) { st.appendChild(option(k, t.eventTypes[k])); });
    st.value = 'DECIDED';
  }

  function fillAgencySelect() {
    var s = $('n-agency');
    clear(s);
    state.agencies.forEach(function (a) {
      s.appendChild(option(a.agencyId, a.name === a.agencyId ? a.agencyId : a.name + '（' + a.agencyId + '）'));
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
    $('n-date').value = todayChina();
    $('n-date').max = todayChina();
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
    state.pendingNew = { body: body };
    $('n-submit').disabled = true;
    call('POST', 'api/v1/agencies/' + encodeURIComponent(agency) + '/requests', body).then(function (r) {
      $('n-submit').disabled = false;
      if (r.status === 201) {
        state.subjects[agency + '/' + r.body.requestId] = subject;
        resetNewForm();
        setMsg('new-msg', '已登记：申请编号 ' + r.body.requestId + '，答复期限 ' + r.body.dueDate
          + (subject ? '。摘要：' + subject : ''), true);
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
    $('s-request').textContent = row.requestId + '（' + row.agencyId + '，' + row.receivedDate + ' 收到）';
    $('s-subject').textContent = state.subjects[row.agencyId + '/' + row.requestId] || '';
    $('s-date').value = todayChina();
    $('s-date').max = todayChina();
    $('s-type').value = 'DECIDED';
    drawStepFields();
  }

  function fieldRow(name, label, input) {
    input.name = name;
    input.id = 's-f-' + name;
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
        box.appendChild(fieldRow('dueBy', '补正期限（可不填）', date()));
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
        body[i.name] = i.type === 'number' ? (/^-?\d+$/.test(i.value) ? parseInt(i.value, 10) : i.value) : i.value;
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
      $('s-submit').disabled = false;
      if (r.status === 202) {
        state.pendingStep = null;
        var label = state.taxonomy.eventTypes[body.type] || body.type;
        if (r.body && r.body.accepted === false) {
          setMsg('step-msg', '已记录但未生效：' + (r.body.reason || ''), false);
        } else {
          state.lastSaved = '已保存：' + row.requestId + ' · ' + label
            + (body.outcome ? ' · ' + (state.taxonomy.outcomes[body.outcome] || body.outcome) : '');
          setMsg('step-msg', state.lastSaved, true);
        }
        refresh();
      } else {
        showError(f, 'step-msg', failure(r));
      }
    });
  }

  // ---------- lists from the dashboard ----------
  function refresh() {
    if (!state.agencyId) { return; }
    refreshOpen();
    refreshCounts();
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
      if (!(key in state.subjects)) { fetchSubject(q); }
      if (!(q.agencyId in agencies)) { agencies[q.agencyId] = q.agencyId; }
      var status = el('span', { className: 'st ' + q.deadlineStatus, text: STATUS_LABELS[q.deadlineStatus] || q.deadlineStatus });
      var tr = el('tr', { 'data-key': key, title: '点击记录下一步办理环节' }, [
        el('td', { className: 'mono', text: q.requestId }),
        el('td', { text: q.agencyId === state.agencyId ? state.agencyName : q.agencyId }),
        el('td', { className: 'subject', text: state.subjects[key] || '' }),
        el('td', { text: q.receivedDate || '' }),
        el('td', { text: q.dueDate || '—' }),
        el('td', { className: 'num', text: q.workingDaysLeft === null || q.workingDaysLeft === undefined ? '—' : String(q.workingDaysLeft) }),
        el('td', {}, [status])
      ]);
      tr.dataset.key = key;
      tr.dataset.status = q.deadlineStatus;
      if (state.selected && key === state.selected.agencyId + '/' + state.selected.requestId) {
        tr.classList.add('selected');
        selectedStill = true;
      }
      tr.addEventListener('click', function () { state.lastSaved = null; selectRequest(q); });
      tbody.appendChild(tr);
    });
    if (!rows.length) {
      tbody.appendChild(el('tr', {}, [el('td', { colspan: '7', className: 'hint', text: '暂无办理中的申请' })]));
    }
    if (state.selected && !selectedStill && !state.pendingStep) {
      // the step just saved closed it: keep the confirmation in view
      $('step-none').textContent = (state.lastSaved ? state.lastSaved + '。' : '')
        + '该申请已办结。请在列表中点击另一条申请。';
      selectRequest(null);
    }
    var list = Object.keys(agencies).map(function (id) { return { agencyId: id, name: agencies[id] }; });
    if (list.length !== state.agencies.length) {
      var current = $('n-agency').value;
      state.agencies = list;
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
      t.rows.forEach(function (row) { labels[row.code] = row.label; });
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

  document.addEventListener('DOMContentLoaded', boot);
}());
