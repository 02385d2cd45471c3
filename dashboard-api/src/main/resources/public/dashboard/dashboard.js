/* 政府信息公开申请统计 — the statistics office's dashboard. Plain JS, no external assets.
 * Every string from the API goes into the page through textContent (never innerHTML), so a subject such as
 * <script>alert(1)</script> is shown as text. Tables are drawn from the official layouts of /api/v1/layout
 * (the same grids the HTML and XLSX downloads use) and filled from the tables' JSON. */
(function () {
  'use strict';

  var POLL_MS = 5000;
  var SVG = 'http://www.w3.org/2000/svg';
  var STATUS_LABELS = { ON_TRACK: '正常', DUE_SOON: '即将到期', OVERDUE: '已超期', PAUSED: '暂停计时',
    ANSWERED_ON_TIME: '已按期答复', ANSWERED_LATE: '已逾期答复' };
  var RULE_LABELS = { BALANCE: '收支平衡', DECIDED_TOTAL: '办理结果合计', TOTAL_COLUMN: '总计列', NEGATIVE: '负数',
    CONTINUITY: '与上年衔接', SUBTREE_SUM: '下级汇总' };

  var state = {
    layout: null,
    agencies: [],
    names: {},
    token: sessionStorage.getItem('dashboard.token') || '',
    last: { table3: null, table4: null, compliance: null },
    stream: null,
    streamKey: null,
    subjects: {},
    selected: null,
    polling: false
  };

  // ---------- helpers ----------
  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = String(text); }
    return e;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function setMsg(text, ok) {
    var m = $('msg');
    m.textContent = text || '';
    m.className = 'form-msg' + (text ? (ok ? ' ok' : ' bad') : '');
  }

  function sel() {
    return { agency: $('agency').value, scope: $('scope').value, year: $('year').value };
  }

  function enc(s) { return encodeURIComponent(s); }

  /** GET a JSON answer; rejects with the API's {error, message, field} (or a network error). */
  function getJson(path, withToken) {
    var headers = { 'Accept': 'application/json' };
    if (withToken && state.token) { headers.Authorization = 'Bearer ' + state.token; }
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (r) {
      return r.text().then(function (t) {
        var body = null;
        try { body = t ? JSON.parse(t) : null; } catch (e) { body = null; }
        if (!r.ok) {
          var err = body && body.message ? body : { error: 'HTTP_' + r.status, message: '请求失败（' + r.status + '）' };
          err.status = r.status;
          throw err;
        }
        return body;
      });
    });
  }

  // ---------- agencies, years ----------
  function fillAgencies(list) {
    var select = $('agency');
    var keep = select.value || sessionStorage.getItem('dashboard.agency');
    clear(select);
    state.names = {};
    list.forEach(function (a) {
      state.names[a.agencyId] = a.name;
      var indent = '';
      for (var i = 0; i < a.depth; i++) { indent += '\u3000'; }
      var o = el('option', { value: a.agencyId }, indent + (a.depth > 0 ? '└ ' : '') + (a.name || a.agencyId));
      select.appendChild(o);
    });
    if (keep && state.names[keep] !== undefined) { select.value = keep; }
  }

  function fillYears() {
    var select = $('year');
    var now = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
    for (var y = now; y >= now - 7; y--) { select.appendChild(el('option', { value: String(y) }, y + '年')); }
    var keep = sessionStorage.getItem('dashboard.year');
    if (keep && Number(keep) <= now && Number(keep) >= now - 7) { select.value = keep; }
    var scope = sessionStorage.getItem('dashboard.scope');
    if (scope === 'agency' || scope === 'subtree') { $('scope').value = scope; }
  }

  // ---------- tables from the official layout ----------
  function drawGrid(table, grid, numberAttrs) {
    clear(table);
    var rows = [];
    for (var r = 0; r < grid.rows; r++) { rows.push(table.appendChild(el('tr'))); }
    var cells = grid.cells.slice().sort(function (a, b) { return a.row - b.row || a.column - b.column; });
    cells.forEach(function (c) {
      var isNumber = c.text === undefined || c.text === null;
      var cell = el(isNumber ? 'td' : 'th', null, isNumber ? '' : c.text);
      if (c.rowSpan > 1) { cell.rowSpan = c.rowSpan; }
      if (c.columnSpan > 1) { cell.colSpan = c.columnSpan; }
      if (isNumber) {
        cell.className = 'num';
        numberAttrs(cell, c);
      } else if (!c.header) {
        cell.className = 'label';
      }
      rows[c.row].appendChild(cell);
    });
  }

  function setNumber(cell, value, animate) {
    var text = String(value);
    if (cell.textContent !== text) {
      if (animate && cell.textContent !== '') {
        cell.classList.add('changed');
        setTimeout(function () { cell.classList.remove('changed'); }, 2500);
      }
      cell.textContent = text;
    }
  }

  function renderTable3(t, animate) {
    var index = {};
    t.columns.forEach(function (c, i) { index[c] = i; });
    Array.prototype.forEach.call($('t3').querySelectorAll('td[data-row]'), function (cell) {
      var row = t.rows[cell.getAttribute('data-row')];
      setNumber(cell, row ? row[index[cell.getAttribute('data-col')]] : '', animate);
    });
    var name = state.names[t.agencyId] || t.agencyId;
    $('table3-caption').textContent = name + ' ' + t.year + '年 ' + (t.scope === 'subtree' ? '（含下级机关）' : '（本机关）');
    renderValidation(t);
  }

  function renderValidation(t) {
    var box = $('validation');
    var list = $('imbalances');
    clear(list);
    var ok = t.balanced && (!t.imbalances || t.imbalances.length === 0);
    box.setAttribute('data-state', ok ? 'ok' : 'bad');
    $('validation-summary').textContent = ok ? '校验通过：各列收支平衡，与上年衔接。'
      : '校验未通过，共 ' + t.imbalances.length + ' 项：';
    (t.imbalances || []).forEach(function (i) {
      var li = el('li', { 'data-rule': i.rule, 'data-column': i.column || '' });
      li.appendChild(el('span', { 'class': 'rule' }, RULE_LABELS[i.rule] || i.rule));
      li.appendChild(document.createTextNode(i.message));
      list.appendChild(li);
    });
  }

  function renderTable4(t, animate) {
    Array.prototype.forEach.call($('t4').querySelectorAll('td[data-code]'), function (cell) {
      var v = t.cells[cell.getAttribute('data-code')];
      setNumber(cell, v === undefined ? '' : v, animate);
    });
  }

  function renderCompliance(c) {
    $('c-decided').textContent = c.decided;
    $('c-ontime').textContent = c.onTime;
    $('c-late').textContent = c.late;
    $('c-rate').textContent = c.onTimeRate === null ? (c.withheld || '–') : (Math.round(c.onTimeRate * 1000) / 10) + '%';
    $('c-median').textContent = c.medianWorkingDays === null ? (c.withheld || '–') : c.medianWorkingDays;
    $('c-overdue').textContent = c.openOverdue;
    $('c-latecorr').textContent = c.lateCorrectionNotices;
    $('c-withheld').textContent = c.withheld ? '已答复不足 5 件（' + c.withheld + '），不计算比率和中位数。' : '';
    drawHistogram(c.workingDaysHistogram || {});
  }

  /** Bars of "working days to answer, net of pauses → count", with the 20-day limit marked. */
  function drawHistogram(h) {
    var box = $('histogram');
    clear(box);
    var W = 520, H = 170, left = 30, bottom = 24, top = 12;
    var keys = Object.keys(h).map(Number);
    var maxDay = Math.max(25, keys.length ? Math.max.apply(null, keys) : 0);
    var maxCount = 1;
    keys.forEach(function (k) { maxCount = Math.max(maxCount, h[k]); });
    var bw = (W - left - 8) / (maxDay + 1);
    var plotH = H - bottom - top;
    box.appendChild(svg('line', { x1: left, y1: H - bottom, x2: W - 4, y2: H - bottom, stroke: '#555' }));
    box.appendChild(svg('text', { x: 2, y: top + 8, 'font-size': 10, fill: '#555' }, maxCount));
    box.appendChild(svg('text', { x: 2, y: H - bottom, 'font-size': 10, fill: '#555' }, 0));
    for (var d = 0; d <= maxDay; d++) {
      var n = h[d] || 0;
      var x = left + d * bw;
      if (n > 0) {
        var bh = Math.max(1, plotH * n / maxCount);
        var rect = svg('rect', { x: x + 1, y: H - bottom - bh, width: Math.max(1, bw - 2), height: bh,
          fill: d > 20 ? '#c62828' : '#5c7fa3', 'data-days': d, 'data-count': n });
        rect.appendChild(svg('title', {}, d + ' 个工作日：' + n + ' 件'));
        box.appendChild(rect);
      }
      if (d % 5 === 0) {
        box.appendChild(svg('text', { x: x + bw / 2, y: H - 8, 'font-size': 10, 'text-anchor': 'middle', fill: '#555' }, d));
      }
    }
    var limit = left + 21 * bw;
    box.appendChild(svg('line', { x1: limit, y1: top, x2: limit, y2: H - bottom, stroke: '#a61b1b',
      'stroke-dasharray': '4 3' }));
    box.appendChild(svg('text', { x: limit + 3, y: top + 8, 'font-size': 10, fill: '#a61b1b' }, '法定 20 个工作日'));
  }

  // ---------- loading ----------
  function base() {
    var s = sel();
    return '/api/v1/agencies/' + enc(s.agency);
  }

  function updateLinks() {
    var s = sel();
    var q = 'scope=' + enc(s.scope);
    var t3 = base() + '/reports/' + enc(s.year) + '/table3?' + q;
    $('dl-html').href = t3 + '&format=html';
    $('dl-csv').href = t3 + '&format=csv';
    $('dl-xlsx').href = t3 + '&format=xlsx';
    $('dl-report').href = base() + '/reports/' + enc(s.year) + '?' + q;
  }

  /** Fetches Table 三, Table 四 and compliance; redraws what changed. */
  function refreshTables(animate) {
    if (!$('agency').value) { return Promise.resolve(); }
    var s = sel();
    var q = '?scope=' + enc(s.scope);
    var key = s.agency + '|' + s.scope + '|' + s.year;
    return Promise.all([
      getJson(base() + '/reports/' + enc(s.year) + '/table3' + q),
      getJson(base() + '/reports/' + enc(s.year) + '/table4' + q),
      getJson(base() + '/compliance/' + enc(s.year) + q)
    ]).then(function (answers) {
      var now = sel();
      if (now.agency + '|' + now.scope + '|' + now.year !== key) { return; }
      var texts = answers.map(function (a) { return JSON.stringify(a); });
      if (texts[0] !== state.last.table3) { renderTable3(answers[0], animate); state.last.table3 = texts[0]; }
      if (texts[1] !== state.last.table4) { renderTable4(answers[1], animate); state.last.table4 = texts[1]; }
      if (texts[2] !== state.last.compliance) { renderCompliance(answers[2]); state.last.compliance = texts[2]; }
      if ($('msg').classList.contains('bad') && $('msg').getAttribute('data-from') === 'tables') { setMsg(''); }
    }).catch(function (err) {
      setMsg(err.message || '无法读取统计表', false);
      $('msg').setAttribute('data-from', 'tables');
    });
  }

  function refreshStatus() {
    return getJson('/api/v1/status').then(function (s) {
      $('dead-letters').textContent = s.deadLetters;
      $('rejected').textContent = s.rejected;
      $('dead-letters').className = s.deadLetters > 0 ? 'alarm' : '';
    }).catch(function () { $('dead-letters').textContent = '?'; });
  }

  // ---------- deadlines (token) ----------
  function rowKey(agencyId, requestId) { return agencyId + '/' + requestId; }

  function upsertRow(r, fresh) {
    var tbody = $('deadline-table').querySelector('tbody');
    var key = rowKey(r.agencyId, r.requestId);
    var tr = null;
    Array.prototype.forEach.call(tbody.rows, function (x) { if (x.getAttribute('data-key') === key) { tr = x; } });
    if (!tr) {
      tr = el('tr', { 'data-key': key });
      tr.setAttribute('data-request', r.requestId);
      tr.setAttribute('data-agency', r.agencyId);
      tr.addEventListener('click', function () { showDetail(r.agencyId, r.requestId, tr); });
      if (fresh) { tbody.insertBefore(tr, tbody.firstChild); } else { tbody.appendChild(tr); }
    }
    clear(tr);
    tr.setAttribute('data-status', r.deadlineStatus);
    var st = el('td');
    st.appendChild(el('span', { 'class': 'st ' + r.deadlineStatus }, STATUS_LABELS[r.deadlineStatus] || r.deadlineStatus));
    tr.appendChild(st);
    tr.appendChild(el('td', null, state.names[r.agencyId] || r.agencyId));
    tr.appendChild(el('td', { 'class': 'mono' }, r.requestId));
    tr.appendChild(el('td', null, r.receivedDate || ''));
    tr.appendChild(el('td', null, r.dueDate || ''));
    tr.appendChild(el('td', { 'class': 'num' }, r.workingDaysLeft === null || r.workingDaysLeft === undefined ? '' : r.workingDaysLeft));
    tr.appendChild(el('td', { 'class': 'subject', title: state.subjects[key] || '' }, state.subjects[key] || ''));
    if (r.receivedDate === '' && tr.getAttribute('data-received')) {
      tr.cells[3].textContent = tr.getAttribute('data-received');
    } else if (r.receivedDate) {
      tr.setAttribute('data-received', r.receivedDate);
    }
    if (fresh) {
      tr.classList.add('fresh');
      setTimeout(function () { tr.classList.remove('fresh'); }, 3000);
    }
    if (state.subjects[key] === undefined) {
      state.subjects[key] = '';
      getJson('/api/v1/agencies/' + enc(r.agencyId) + '/requests/' + enc(r.requestId), true).then(function (d) {
        state.subjects[key] = d.subject || '';
        // the row may have been rebuilt (a live alert, then the list reloaded) while this was on its way:
        // write into the row's current subject cell, not the one this call made
        Array.prototype.forEach.call($('deadline-table').querySelector('tbody').rows, function (x) {
          if (x.getAttribute('data-key') !== key) { return; }
          var cell = x.querySelector('td.subject');
          if (cell) { cell.textContent = state.subjects[key]; cell.title = state.subjects[key]; }
        });
      }).catch(function () { delete state.subjects[key]; });
    }
    return tr;
  }

  function loadDeadlines() {
    if (!state.token || !$('agency').value) { return Promise.resolve(); }
    var s = sel();
    return getJson(base() + '/deadlines?scope=' + enc(s.scope), true).then(function (d) {
      if (sel().agency !== s.agency || sel().scope !== s.scope) { return; }
      var wanted = d.requests.filter(function (r) {
        return r.deadlineStatus === 'OVERDUE' || r.deadlineStatus === 'DUE_SOON';
      });
      var keys = {};
      wanted.forEach(function (r) { keys[rowKey(r.agencyId, r.requestId)] = true; });
      var tbody = $('deadline-table').querySelector('tbody');
      Array.prototype.slice.call(tbody.rows).forEach(function (tr) {
        if (!keys[tr.getAttribute('data-key')]) { tbody.removeChild(tr); }
      });
      wanted.forEach(function (r) { upsertRow(r, false); });
      $('deadline-hint').textContent = wanted.length === 0 ? '没有超期或即将到期的申请。'
        : '共 ' + wanted.length + ' 件；新的预警会实时出现。点击一行查看期限说明。';
    }).catch(function (err) {
      $('deadline-hint').textContent = err.message || '无法读取';
    });
  }

  function showDetail(agencyId, requestId, tr) {
    Array.prototype.forEach.call($('deadline-table').querySelectorAll('tr.selected'), function (x) {
      x.classList.remove('selected');
    });
    tr.classList.add('selected');
    state.selected = rowKey(agencyId, requestId);
    getJson('/api/v1/agencies/' + enc(agencyId) + '/requests/' + enc(requestId), true).then(function (d) {
      if (state.selected !== rowKey(agencyId, requestId)) { return; }
      $('detail').hidden = false;
      $('d-request').textContent = (state.names[agencyId] || agencyId) + ' / ' + d.requestId;
      $('d-subject').textContent = d.subject || '（无）';
      $('d-received').textContent = d.receivedDate || '';
      $('d-due').textContent = (d.dueDate || '暂停计时中') + (d.provisional ? '（暂定：该年度节假日安排未发布）' : '');
      $('d-status').textContent = (STATUS_LABELS[d.deadlineStatus] || d.deadlineStatus)
        + (d.workingDaysLeft === null ? '' : '，剩余 ' + d.workingDaysLeft + ' 个工作日');
      var ol = $('d-explanation');
      clear(ol);
      (d.explanation || []).forEach(function (line) { ol.appendChild(el('li', null, line)); });
    }).catch(function (err) { setMsg(err.message, false); });
  }

  // ---------- live alerts ----------
  function connectStream() {
    var s = sel();
    var key = state.token ? s.agency + '|' + s.scope + '|' + state.token : null;
    if (key === state.streamKey) { return; }
    if (state.stream) { state.stream.close(); state.stream = null; }
    state.streamKey = key;
    setLive(false);
    if (!key || !s.agency || typeof EventSource === 'undefined') { return; }
    var url = base() + '/alerts/stream?scope=' + enc(s.scope) + '&token=' + enc(state.token);
    var es = new EventSource(url);
    state.stream = es;
    es.onopen = function () { setLive(true); };
    es.onerror = function () { setLive(false); };
    es.addEventListener('alert', function (e) {
      var a;
      try { a = JSON.parse(e.data); } catch (x) { return; }
      var tr = upsertRow({ agencyId: a.agencyId, requestId: a.requestId, deadlineStatus: a.to, dueDate: a.dueDate,
        workingDaysLeft: a.workingDaysLeft, receivedDate: '' }, true);
      tr.setAttribute('data-live', 'true'); // this row's latest news came over the stream
      loadDeadlines();
      refreshTables(true);
    });
  }

  function setLive(on) {
    var l = $('live-state');
    l.textContent = on ? '实时预警已连接' : '未连接实时预警';
    l.className = 'live ' + (on ? 'on' : 'off');
  }

  // ---------- wiring ----------
  function selectionChanged() {
    var s = sel();
    sessionStorage.setItem('dashboard.agency', s.agency);
    sessionStorage.setItem('dashboard.scope', s.scope);
    sessionStorage.setItem('dashboard.year', s.year);
    state.last = { table3: null, table4: null, compliance: null };
    clear($('deadline-table').querySelector('tbody'));
    $('detail').hidden = true;
    updateLinks();
    refreshTables(false);
    loadDeadlines();
    connectStream();
  }

  function downloadRequests() {
    if (!state.token) { setMsg('导出申请明细需要令牌。', false); $('token').focus(); return; }
    var s = sel();
    var url = base() + '/requests?format=csv&year=' + enc(s.year) + '&scope=' + enc(s.scope);
    fetch(url, { headers: { Authorization: 'Bearer ' + state.token } }).then(function (r) {
      if (!r.ok) {
        return r.json().then(function (b) { throw b; }, function () { throw { message: '导出失败（' + r.status + '）' }; });
      }
      return r.blob().then(function (b) {
        var a = el('a', { download: s.agency + '-' + s.year + '-requests.csv' });
        a.href = URL.createObjectURL(b);
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); document.body.removeChild(a); }, 1000);
      });
    }).catch(function (err) { setMsg(err.message || '导出失败', false); });
  }

  function useToken(token) {
    state.token = token;
    if (token) { sessionStorage.setItem('dashboard.token', token); } else { sessionStorage.removeItem('dashboard.token'); }
    state.subjects = {};
    clear($('deadline-table').querySelector('tbody'));
    $('detail').hidden = true;
    if (!token) {
      $('deadline-hint').textContent = '输入令牌后显示；新的预警会实时出现。点击一行查看期限说明。';
      connectStream();
      return;
    }
    getJson(base() + '/deadlines?status=OVERDUE&scope=agency', true).then(function () {
      setMsg('令牌有效。', true);
    }).catch(function (err) { setMsg(err.message, false); });
    loadDeadlines();
    connectStream();
  }

  function poll() {
    refreshTables(true);
    refreshStatus();
    loadDeadlines();
  }

  function start() {
    fillYears();
    $('token').value = state.token;
    $('agency').addEventListener('change', selectionChanged);
    $('scope').addEventListener('change', selectionChanged);
    $('year').addEventListener('change', selectionChanged);
    $('token-form').addEventListener('submit', function (e) {
      e.preventDefault();
      useToken($('token').value.trim());
    });
    $('token-clear').addEventListener('click', function () { $('token').value = ''; useToken(''); setMsg(''); });
    $('dl-requests').addEventListener('click', downloadRequests);
    Promise.all([getJson('/api/v1/layout'), getJson('/api/v1/agencies')]).then(function (answers) {
      state.layout = answers[0];
      drawGrid($('t3'), state.layout.table3, function (cell, c) {
        cell.setAttribute('data-row', c.rowCode);
        cell.setAttribute('data-col', c.columnCode);
      });
      drawGrid($('t4'), state.layout.table4, function (cell, c) { cell.setAttribute('data-code', c.code); });
      fillAgencies(answers[1].agencies);
      document.body.setAttribute('data-ready', 'true');
      selectionChanged();
    }).catch(function (err) { setMsg(err.message || '无法连接统计服务', false); });
    refreshStatus();
    setInterval(function () {
      getJson('/api/v1/agencies').then(function (a) {
        if (a.agencies.length !== $('agency').options.length) {
          var before = $('agency').value;
          fillAgencies(a.agencies);
          if (!before && $('agency').value) { selectionChanged(); }
        }
      }).catch(function () { /* shown by the other polls */ });
      poll();
    }, POLL_MS);
  }

  start();
}());
