/* 政府信息公开申请统计 — the statistics office's dashboard. Plain JS, no external assets.
 * Every string from the API goes into the page through textContent (never innerHTML), so a subject such as
 * <script>alert(1)</script> is shown as text. Tables are drawn from the official layouts of /api/v1/layout
 * (the same grids the HTML and XLSX downloads use) and filled from the tables' JSON. */
(function () {
  'use strict';

  var POLL_MS = 5000;
  var SVG = 'http://www.w3.org/2000/svg';
  var STATUS_LABELS = { ON_TRACK: '正常', DUE_SOON: '即将到期', OVERDUE: '已超期', PAUSED: '暂停计时',
    ANSWERED_ON_TIME: '已按期答复', ANSWERED_LATE: '已逾期答复', LAPSED: '视为放弃（待办结）' };
  var LAPSE_LABELS = { CORRECTION: '逾期未补正', FEE: '逾期未缴费' };
  var RULE_LABELS = { BALANCE: '收支平衡', DECIDED_TOTAL: '办理结果合计', TOTAL_COLUMN: '总计列', NEGATIVE: '负数',
    CONTINUITY: '与上年衔接', SUBTREE_SUM: '下级汇总', PUBLISHED_CONTINUITY: '与上年已发布报告衔接',
    TABLE4_TOTAL: '表四合计' };
  var EVENT_LABELS = { RECEIVED: '新收申请', DECIDED: '作出答复', AMENDED: '更正', REOPENED: '重新办理', VOIDED: '作废登记',
    WITHDRAWN: '申请人撤回', REVIEW_FILED: '申请行政复议', REVIEW_CONCLUDED: '行政复议审结', LITIGATION_FILED: '提起行政诉讼',
    LITIGATION_CONCLUDED: '行政诉讼审结', AGENCY_MOVED: '机关隶属调整', AGENCY_RENAMED: '机关更名' };

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
    polling: false,
    view: '',            // '' live, 'published' or a version number: which Table 三/四 is shown
    pubs: null,          // the shown year's publications answer
    preview: null,       // the import preview on show: {key: agency|year, data: the import-preview answer}
    labels: { t3: {}, t4: {} },
    ingestUrl: ''
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

  /** Chinese first for the refusals a person meets on this page, whatever language the service's message leads with. */
  var ERROR_TEXT = { UNAUTHORIZED: '令牌无效或已被收回，请检查令牌。', FORBIDDEN: '此令牌无权操作该机关。' };

  function chineseFirst(body) {
    if (body && ERROR_TEXT[body.error] && !/^[\u4e00-\u9fff（【「]/.test(body.message || '')) {
      body.message = ERROR_TEXT[body.error] + (body.message ? '（' + body.message + '）' : '');
    }
    return body;
  }

  /** GET a JSON answer; rejects with the API's {error, message, field} (or a network error). */
  function getJson(path, withToken, onResponse) {
    var headers = { 'Accept': 'application/json' };
    if (withToken && state.token) { headers.Authorization = 'Bearer ' + state.token; }
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (r) {
      if (onResponse && r.ok) { onResponse(r); }
      return r.text().then(function (t) {
        var body = null;
        try { body = t ? JSON.parse(t) : null; } catch (e) { body = null; }
        if (!r.ok) {
          var err = body && body.message ? chineseFirst(body) : { error: 'HTTP_' + r.status, message: '请求失败（' + r.status + '）' };
          err.status = r.status;
          if (r.status === 503 && body && body.error === 'CATCHING_UP' && body.progress) {
            // the dashboard is rebuilding its views after a start: every table waits for it (api.md "Operating it")
            err.message = '正在恢复数据，请稍候';
            err.retryAfter = parseInt(r.headers.get('Retry-After'), 10) || 5;
          }
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
    state.reportDue = {};
    list.forEach(function (a) {
      state.names[a.agencyId] = a.name;
      state.reportDue[a.agencyId] = a.reportDue;
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

  /** Row and column labels of every number cell of a layout grid, for naming a cell in words. */
  function gridLabels(grid, keyOf) {
    var out = {};
    var nums = grid.cells.filter(function (c) { return c.text === undefined || c.text === null; });
    var firstNumCol = Math.min.apply(null, nums.map(function (c) { return c.column; }));
    var numCols = {};
    nums.forEach(function (c) { numCols[c.column] = true; });
    var width = Object.keys(numCols).length;
    var texts = grid.cells.filter(function (c) { return c.text !== undefined && c.text !== null && c.text !== ''; });
    nums.forEach(function (n) {
      var rowLabel = texts.filter(function (c) {
        return c.column < firstNumCol && c.row <= n.row && n.row < c.row + (c.rowSpan || 1);
      }).sort(function (a, b) { return a.column - b.column; }).map(function (c) { return c.text; });
      var colLabel = texts.filter(function (c) {
        return c.header && c.column <= n.column && n.column < c.column + (c.columnSpan || 1)
          && c.row < n.row && (c.columnSpan || 1) < width;
      }).sort(function (a, b) { return a.row - b.row; }).map(function (c) { return c.text; });
      out[keyOf(n)] = { row: rowLabel.join(' '), column: colLabel.join('·') };
    });
    return out;
  }

  function cellName(table, row, column) {
    if (table === 'table4') {
      var l4 = state.labels.t4[column];
      return { row: '表四', column: l4 ? l4.column || column : column };
    }
    // a per-column entry (BALANCE, DECIDED_TOTAL) has no row: the column's words are those of any of its cells
    var l3 = state.labels.t3[(row || 'NEW') + '|' + column];
    return { row: l3 && l3.row && row ? l3.row : row, column: l3 && l3.column ? l3.column : column };
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
    var p = t.publication;
    var what = state.view === '' ? '现行数据' : (p ? '已发布第' + p.version + '版（发布日期 ' + p.publishedDate + '）' : '已发布版本');
    $('table3-caption').textContent = name + ' ' + t.year + '年 ' + (t.scope === 'subtree' ? '（含下级机关）' : '（本机关）')
      + ' · ' + what;
  }

  /** Every entry of both tables' imbalances; red whenever there is one (or a table says it is not balanced). */
  function renderValidation(t3, t4) {
    var box = $('validation');
    var list = $('imbalances');
    clear(list);
    var entries = [];
    [[t3, 'table3'], [t4, 'table4']].forEach(function (pair) {
      if (!pair[0]) { return; }
      (pair[0].imbalances || []).forEach(function (i) { entries.push({ table: pair[1], i: i }); });
    });
    var ok = entries.length === 0 && (!t3 || t3.balanced !== false) && (!t4 || t4.balanced !== false);
    box.setAttribute('data-state', ok ? 'ok' : 'bad');
    $('validation-summary').textContent = ok ? '校验通过：各列收支平衡，与上年衔接。'
      : (entries.length ? '校验未通过，共 ' + entries.length + ' 项：' : '校验未通过。');
    entries.forEach(function (e) {
      var i = e.i;
      var li = el('li', { 'data-rule': i.rule, 'data-column': i.column || '', 'data-row': i.row || '',
        'data-table': e.table });
      li.appendChild(el('span', { 'class': 'rule', title: i.rule }, RULE_LABELS[i.rule] || i.rule));
      if (i.row || i.column) {
        var n = cellName(e.table, i.row, i.column);
        var where = e.table === 'table4' ? '表四 ' + n.column
          : (i.row ? n.row + ' / ' : '') + (i.column ? n.column : '');
        li.appendChild(el('span', { 'class': 'where' }, '［' + where + '］'));
      }
      li.appendChild(document.createTextNode(i.message || ''));
      list.appendChild(li);
    });
  }

  /** 「发布后变动 N 处」 of the live tables: the cells that moved since the latest publication. */
  function renderChanges(t3, t4) {
    var box = $('pub-changes');
    var tbody = $('changes-table').querySelector('tbody');
    Array.prototype.forEach.call($('t3').querySelectorAll('td.since-pub'), function (c) {
      c.classList.remove('since-pub'); c.removeAttribute('title');
    });
    Array.prototype.forEach.call($('t4').querySelectorAll('td.since-pub'), function (c) {
      c.classList.remove('since-pub'); c.removeAttribute('title');
    });
    clear(tbody);
    if (state.view !== '' || !t3 || !t3.publication) { box.hidden = true; return; }
    var changes = (t3.changedSincePublication || []).concat((t4 && t4.changedSincePublication) || []);
    box.hidden = false;
    if (t3.publication.imported) {
      // an imported report is not compared cell by cell: the tracker holds only what was entered after it
      $('pub-changes-title').textContent = '第' + t3.publication.version + '版为导入的报告：现行数据只含本系统登记的申请，'
        + '不与之逐格比较';
      $('changes-table').hidden = true;
      return;
    }
    $('pub-changes-title').textContent = changes.length === 0
      ? '发布后无变动（与第' + t3.publication.version + '版相同）'
      : '发布后变动 ' + changes.length + ' 处（与已发布第' + t3.publication.version + '版相比）';
    $('changes-table').hidden = changes.length === 0;
    changes.forEach(function (c) {
      var n = cellName(c.table, c.row, c.column);
      var tr = el('tr', { 'data-table': c.table, 'data-row': c.row, 'data-col': c.column });
      tr.appendChild(el('td', null, c.table === 'table4' ? '表四' : '表三'));
      tr.appendChild(el('td', null, n.row));
      tr.appendChild(el('td', null, n.column));
      tr.appendChild(el('td', { 'class': 'num' }, c.published));
      tr.appendChild(el('td', { 'class': 'num' }, c.live));
      tbody.appendChild(tr);
      var cell = c.table === 'table4'
        ? $('t4').querySelector('td[data-code="' + c.column + '"]')
        : $('t3').querySelector('td[data-row="' + c.row + '"][data-col="' + c.column + '"]');
      if (cell) { cell.classList.add('since-pub'); cell.title = '已发布 ' + c.published + ' → 现值 ' + c.live; }
    });
  }

  function renderTable4(t, animate) {
    Array.prototype.forEach.call($('t4').querySelectorAll('td[data-code]'), function (cell) {
      var v = t.cells[cell.getAttribute('data-code')];
      setNumber(cell, v === undefined ? '' : v, animate);
    });
  }

  /**
   * The year's compliance figures (api.md "Compliance, counted honestly"): the rate and the median are shown whenever
   * there is a denominator, with 「样本较少」 below 5; the applications still open and overdue (on 31 December for a
   * past year) are stated, as they are in the rate's denominator.
   */
  function renderCompliance(c) {
    function shown(v) { return v === null || v === undefined ? '–' : String(v); }
    var past = Number(sel().year) < Number(chinaToday().slice(0, 4));
    $('c-decided').textContent = shown(c.decided);
    $('c-ontime').textContent = shown(c.onTime);
    $('c-late').textContent = shown(c.late);
    $('c-overdue-label').textContent = past ? '12月31日仍超期未答复' : '办理中已超期（截至今日）';
    $('c-overdue').textContent = shown(c.openOverdue);
    $('c-latecorr').textContent = shown(c.lateCorrectionNotices);
    var known = [c.onTime, c.late, c.openOverdue].every(function (v) { return typeof v === 'number'; });
    var denominator = known ? c.onTime + c.late + c.openOverdue : null;
    var rate = $('c-rate');
    clear(rate);
    if (typeof c.onTimeRate === 'number') {
      rate.appendChild(document.createTextNode((Math.round(c.onTimeRate * 1000) / 10) + '%'));
    } else {
      rate.appendChild(document.createTextNode(denominator === 0 ? '–（没有应答复的申请）' : '–'));
    }
    if (c.smallSample === true && typeof c.onTimeRate === 'number') {
      rate.appendChild(el('span', { 'class': 'tag small-sample', id: 'c-small' }, '样本较少'));
    }
    $('c-median').textContent = typeof c.medianWorkingDays === 'number' ? String(c.medianWorkingDays)
      : (c.decided === 0 ? '–（本年没有答复）' : '–');
    var note = '';
    if (denominator !== null && denominator > 0) {
      note = '按期率 = 按期 ÷（按期 + 逾期 + ' + (past ? '12月31日仍超期未答复' : '办理中已超期') + '）= '
        + c.onTime + ' ÷ ' + denominator + '。';
      if (c.smallSample === true) { note += '样本较少（不足 5 件），比率和中位数仅供参考。'; }
    } else if (!known) {
      note = '该版本未提供按期答复数据（导入的报告只含表三、表四）。';
    }
    $('c-note').textContent = note;
    drawHistogram(c.workingDaysHistogram || {});
  }

  /** Bars of "working days to answer, net of pauses → count", with the 20-day limit marked. */
  function drawHistogram(h) {
    var box = $('histogram');
    clear(box);
    // the bars stay below `top`; the band above it holds the 法定 20 个工作日 label, so it never covers a bar
    var W = 520, H = 182, left = 30, bottom = 24, top = 24;
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
    box.appendChild(svg('line', { x1: limit, y1: top - 4, x2: limit, y2: H - bottom, stroke: '#a61b1b',
      'stroke-dasharray': '4 3' }));
    var nearRight = limit > W - 90;
    box.appendChild(svg('text', { id: 'histogram-limit', x: nearRight ? limit - 3 : limit + 3, y: top - 8,
      'font-size': 10, fill: '#a61b1b', 'text-anchor': nearRight ? 'end' : 'start' }, '法定 20 个工作日'));
  }

  /** 剩余 N 个工作日, 今日到期, or 已超期 N 个工作日 (never 「剩余 -N」). */
  function daysLeftText(n) {
    if (n < 0) { return '已超期 ' + (-n) + ' 个工作日'; }
    return n === 0 ? '今日到期' : '剩余 ' + n + ' 个工作日';
  }

  function daysLeftCell(n) {
    if (n === null || n === undefined) { return ''; }
    return n < 0 ? '已超期 ' + (-n) : String(n);
  }

  // ---------- loading ----------
  function base() {
    var s = sel();
    return '/api/v1/agencies/' + enc(s.agency);
  }

  function versionQuery() { return state.view === '' ? '' : '&version=' + enc(state.view); }

  function updateLinks() {
    var s = sel();
    var q = 'scope=' + enc(s.scope) + versionQuery();
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
    var q = '?scope=' + enc(s.scope) + versionQuery();
    var key = s.agency + '|' + s.scope + '|' + s.year + '|' + state.view;
    return Promise.all([
      getJson(base() + '/reports/' + enc(s.year) + '/table3' + q),
      getJson(base() + '/reports/' + enc(s.year) + '/table4' + q),
      getJson(base() + '/compliance/' + enc(s.year) + q)
    ]).then(function (answers) {
      var now = sel();
      if (now.agency + '|' + now.scope + '|' + now.year + '|' + state.view !== key) { return; }
      var texts = answers.map(function (a) { return JSON.stringify(a); });
      var redraw = texts[0] !== state.last.table3 || texts[1] !== state.last.table4;
      if (texts[0] !== state.last.table3) { renderTable3(answers[0], animate); state.last.table3 = texts[0]; }
      if (texts[1] !== state.last.table4) { renderTable4(answers[1], animate); state.last.table4 = texts[1]; }
      if (redraw) {
        renderValidation(answers[0], answers[1]);
        renderChanges(answers[0], answers[1]);
      }
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

  // ---------- publication (发布) ----------
  function chinaToday() { return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10); }

  /**
   * Art. 49 of the Regulation: 县级以上人民政府部门 publish by 31 January, 县级以上地方人民政府 by 31 March. Each agency
   * carries its due date (reportDue, MM-dd: set for townships as their office is told; otherwise read from the name:
   * 人民政府 a government, any other a department).
   */
  function reportDue() {
    var set = (state.reportDue || {})[sel().agency];
    if (set) { return set; }
    return /人民政府$/.test(state.names[sel().agency] || '') ? '03-31' : '01-31';
  }

  function publicationDeadline(year) {
    return (Number(year) + 1) + '-' + reportDue();
  }

  function versionLabel(p) { return '第' + p.version + '版'; }

  function renderPublications(d) {
    var year = sel().year;
    var list = (d && d.publications) || [];
    var current = null;
    var maxVersion = 0;
    list.forEach(function (p) {
      maxVersion = Math.max(maxVersion, p.version);
      if (!p.withdrawn) { current = p; }
    });
    var status = $('pub-status');
    status.setAttribute('data-state', current ? 'published' : 'unpublished');
    status.setAttribute('data-version', current ? String(current.version) : '');
    status.textContent = current
      ? year + '年度报告已发布 ' + versionLabel(current) + (current.imported ? '（导入）' : '')
        + '，发布日期 ' + current.publishedDate
      : year + '年度报告未发布' + (list.length ? '（已发布的版本均已撤销）' : '');
    var due = publicationDeadline(year);
    var today = chinaToday();
    var yearOver = Number(year) < Number(today.slice(0, 4));
    var overdue = !current && yearOver && today > due;
    $('pub-overdue').hidden = !overdue;
    $('pub-deadline').textContent = !yearOver ? '本年度尚未结束，年度结束后方可发布。'
      : '发布期限：' + due + '（' + (reportDue() === '03-31'
        ? '按人民政府，次年3月31日前' : '按人民政府部门，次年1月31日前') + '）。';

    var ul = $('pub-versions');
    clear(ul);
    $('pub-versions-box').hidden = list.length === 0;
    list.forEach(function (p) {
      var li = el('li', { 'data-version': String(p.version), 'class': p.withdrawn ? 'withdrawn' : '' });
      li.appendChild(el('span', { 'class': 'v' }, versionLabel(p) + '，发布日期 ' + p.publishedDate
        + (p.reason ? '，更正原因：' + p.reason : '')));
      if (p.imported) { li.appendChild(el('span', { 'class': 'tag imported' }, '导入')); }
      if (p.withdrawn) {
        li.appendChild(el('span', { 'class': 'tag withdrawn' }, '已撤销'));
        if (p.withdrawnReason) { li.appendChild(document.createTextNode(' 撤销原因：' + p.withdrawnReason)); }
      } else if (current && p.version === current.version) {
        li.appendChild(el('span', { 'class': 'tag current' }, '现行发布版本'));
      }
      ul.appendChild(li);
    });

    // the version selector: live, the latest published, each version
    var select = $('view-version');
    var keep = state.view;
    while (select.options.length > 2) { select.remove(2); }
    list.forEach(function (p) {
      select.appendChild(el('option', { value: String(p.version) }, versionLabel(p) + (p.withdrawn ? '（已撤销）' : '')));
    });
    select.options[1].disabled = !current;
    var still = keep === '' || (keep === 'published' && current)
      || list.some(function (p) { return String(p.version) === keep; });
    if (!still) { state.view = ''; select.value = ''; refreshTables(false); updateLinks(); } else { select.value = keep; }

    var next = maxVersion + 1;
    $('publish-form').setAttribute('data-next', String(next));
    $('pub-next').textContent = '（将发布第' + next + '版' + (next > 1 ? '，须填写更正原因' : '') + '）';
    $('pub-reason').required = next > 1;
    $('pub-reason').placeholder = next > 1 ? '必填：为何重新发布' : '第2版起必填';
    // a year first published by import is imported in every later version (api.md "Publication"): its re-publication
    // goes through the import form, and the form that freezes the tracker's own figures would be refused
    var importedYear = list.length > 0 && list[0].imported === true;
    $('publish-form').hidden = !yearOver || importedYear;
    renderImportForm(yearOver && (list.length === 0 || importedYear), next);
    return current;
  }

  function renderCorrections(c) {
    var box = $('pub-corrections');
    var tbody = $('corr-table').querySelector('tbody');
    clear(tbody);
    if (!c) { box.hidden = true; return; }
    box.hidden = false;
    if (!c.events) {
      $('corr-hint').textContent = '发布后有 ' + c.eventCount + ' 个事件改变了已发布的数字；输入令牌后列出明细。';
      $('corr-table').hidden = true;
      return;
    }
    $('corr-hint').textContent = c.events.length === 0 ? '发布后没有改变已发布数字的事件。'
      : '共 ' + c.eventCount + ' 个事件（第' + c.version + '版发布之后）：';
    $('corr-table').hidden = c.events.length === 0;
    c.events.forEach(function (e) {
      var tr = el('tr', { 'data-request': e.requestId || '', 'data-type': e.type });
      tr.appendChild(el('td', { 'class': 'agency', title: '机关编号 ' + e.agencyId }, state.names[e.agencyId] || e.agencyId));
      tr.appendChild(el('td', { 'class': 'mono' }, e.requestId || '—'));
      tr.appendChild(el('td', null, (EVENT_LABELS[e.type] || e.type)));
      tr.appendChild(el('td', null, e.date || ''));
      tbody.appendChild(tr);
    });
  }

  function refreshPublication() {
    if (!$('agency').value) { return Promise.resolve(); }
    var s = sel();
    var key = s.agency + '|' + s.scope + '|' + s.year;
    var path = base() + '/reports/' + enc(s.year);
    return getJson(path + '/publications').then(function (d) {
      var now = sel();
      if (now.agency + '|' + now.scope + '|' + now.year !== key) { return; }
      state.pubs = d;
      var current = renderPublications(d);
      if (!current) { renderCorrections(null); return; }
      return getJson(path + '/corrections?scope=' + enc(s.scope), true).then(function (c) {
        var again = sel();
        if (again.agency + '|' + again.scope + '|' + again.year === key) { renderCorrections(c); }
      }, function (err) {
        if (err.status === 404) { renderCorrections(null); return; }
        $('corr-hint').textContent = err.message || '无法读取更正记录';
      });
    }).catch(function (err) {
      $('pub-status').setAttribute('data-state', 'unknown');
      $('pub-status').textContent = err.message || '无法读取发布情况';
    });
  }

  function pubMsg(text, ok) {
    var m = $('pub-msg');
    m.textContent = text || '';
    m.className = 'form-msg' + (text ? (ok ? ' ok' : ' bad') : '');
  }

  function submitPublication(e) {
    e.preventDefault();
    var s = sel();
    var next = Number($('publish-form').getAttribute('data-next') || '1');
    var date = $('pub-date').value;
    var reason = $('pub-reason').value.trim();
    if (!state.token) { pubMsg('发布需要令牌：请在上方“令牌”处输入本机关或上级机关的受理令牌，或管理员令牌。', false); return; }
    if (!date) { pubMsg('请填写发布日期。', false); return; }
    if (next > 1 && !reason) { pubMsg('第' + next + '版是更正后的重新发布，须填写更正原因。', false); return; }
    var body = { publishedDate: date };
    if (reason) { body.reason = reason; }
    $('pub-submit').disabled = true;
    pubMsg('正在发布……', true);
    putPublication(s, next, body).then(function (r) {
      return r.json.then(function (b) {
        if (r.status === 200 || r.status === 201) {
          pubMsg('已发布 ' + s.year + '年度报告第' + (b && b.version ? b.version : next) + '版，发布日期 '
            + (b && b.publishedDate ? b.publishedDate : date) + '。', true);
          $('pub-reason').value = '';
          refreshPublication();
          refreshTables(false);
          return;
        }
        pubMsg(b && b.message ? '发布未成功：' + chineseFirst(b).message : '发布失败（' + r.status + '）', false);
      });
    }, function () {
      pubMsg('无法连接受理服务（' + (state.ingestUrl || location.origin) + '）：请确认受理服务地址正确，'
        + '且受理服务允许本页跨域访问。也可按 README “At year end” 一节用命令行发布。', false);
    }).then(function () { $('pub-submit').disabled = false; });
  }

  // ---------- import of a report published before the tracker (导入上年已发布年报) ----------
  function impMsg(text, ok) {
    var m = $('imp-msg');
    m.textContent = text || '';
    m.className = 'form-msg' + (text ? (ok ? ' ok' : ' bad') : '');
  }

  function selKey() { var s = sel(); return s.agency + '|' + s.year; }

  /** Shown for a year with no publication yet (version 1), or a year whose versions are imported (its next one). */
  function renderImportForm(show, next) {
    var form = $('import-form');
    form.hidden = !show;
    form.setAttribute('data-next', String(next));
    $('imp-next').textContent = '（将导入为第' + next + '版' + (next > 1 ? '，须填写更正原因' : '') + '）';
    $('imp-reason-box').hidden = next < 2;
    var year = Number(sel().year);
    $('imp-date').min = (year + 1) + '-01-01';
    $('imp-date').max = chinaToday();
    if (!show || (state.preview && state.preview.key !== selKey())) { clearPreview(); }
  }

  function showFileName() {
    var f = $('imp-file').files && $('imp-file').files[0];
    $('imp-file-name').textContent = f ? f.name : '未选择文件';
  }

  function clearPreview() {
    state.preview = null;
    $('imp-result').hidden = true;
    $('imp-check').setAttribute('data-state', 'unknown');
    clear($('imp-problems'));
    $('imp-summary').textContent = '';
    Array.prototype.forEach.call(document.querySelectorAll('#imp-t3 td.num, #imp-t4 td.num'), function (c) {
      c.textContent = '';
      c.classList.remove('imp-bad');
      c.removeAttribute('title');
    });
  }

  /** POSTs the chosen file to import-preview; nothing is written. */
  function previewImport() {
    var file = $('imp-file').files && $('imp-file').files[0];
    if (!state.token) { impMsg('预览需要令牌：请在上方“令牌”处输入本机关或上级机关的受理令牌，或管理员令牌。', false); return; }
    if (!file) { impMsg('请先选择 Excel 文件（.xlsx）。', false); return; }
    var s = sel();
    var key = selKey();
    clearPreview();
    $('imp-preview').disabled = true;
    impMsg('正在读取……', true);
    file.arrayBuffer().then(function (bytes) {
      return fetch(base() + '/reports/' + enc(s.year) + '/import-preview', { method: 'POST', cache: 'no-store',
        headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          Accept: 'application/json', Authorization: 'Bearer ' + state.token },
        body: bytes });
    }).then(function (r) {
      return r.text().then(function (t) {
        var b = null;
        try { b = t ? JSON.parse(t) : null; } catch (x) { b = null; }
        if (selKey() !== key) { impMsg(''); return; }
        if (r.status !== 200 || !b) {
          impMsg(b && b.message ? '预览未成功：' + chineseFirst(b).message : '预览失败（' + r.status + '）', false);
          return;
        }
        state.preview = { key: key, data: b };
        renderPreview(b);
        impMsg(b.readable ? '已读取文件“' + file.name + '”，尚未导入：请核对下表，填写发布日期后点击“确认导入”。'
          : '文件“' + file.name + '”未能完整读取，不能导入：请按下列问题修改后重新上传。', b.readable);
      });
    }, function () {
      impMsg('无法连接统计服务，预览未成功。', false);
    }).then(function () { $('imp-preview').disabled = false; });
  }

  /** Marks a cell of the preview grids red, with the reason as its tooltip. */
  function markPreviewCell(table, row, column, why) {
    var cell = table === 'table4'
      ? $('imp-t4').querySelector('td[data-code="' + column + '"]')
      : $('imp-t3').querySelector('td[data-row="' + row + '"][data-col="' + column + '"]');
    if (!cell) { return; }
    cell.classList.add('imp-bad');
    cell.title = (cell.title ? cell.title + '\n' : '') + why;
  }

  /** The grid as read, its reading problems (each naming its place) and the checks the published table will get. */
  function renderPreview(d) {
    $('imp-result').hidden = false;
    var t3 = d.table3 || { rows: {}, columns: [], imbalances: [] };
    var t4 = d.table4 || { cells: {}, imbalances: [] };
    var index = {};
    (t3.columns || []).forEach(function (c, i) { index[c] = i; });
    Array.prototype.forEach.call($('imp-t3').querySelectorAll('td[data-row]'), function (cell) {
      var row = (t3.rows || {})[cell.getAttribute('data-row')];
      var v = row ? row[index[cell.getAttribute('data-col')]] : undefined;
      cell.textContent = v === undefined || v === null ? '' : String(v);
    });
    Array.prototype.forEach.call($('imp-t4').querySelectorAll('td[data-code]'), function (cell) {
      var v = (t4.cells || {})[cell.getAttribute('data-code')];
      cell.textContent = v === undefined || v === null ? '' : String(v);
    });
    var list = $('imp-problems');
    clear(list);
    var problems = d.problems || [];
    problems.forEach(function (p) {
      var li = el('li', { 'class': 'problem', 'data-field': p.field || '' });
      li.appendChild(el('span', { 'class': 'rule' }, '无法读取'));
      li.appendChild(document.createTextNode(p.message || ''));
      list.appendChild(li);
      var m3 = /^imported\.table3\.rows\.([A-Z0-9_]+)\[(\d+)\]$/.exec(p.field || '');
      var m4 = /^imported\.table4\.cells\.([A-Z0-9_]+)$/.exec(p.field || '');
      if (m3 && t3.columns) { markPreviewCell('table3', m3[1], t3.columns[Number(m3[2])], p.message || ''); }
      if (m4) { markPreviewCell('table4', null, m4[1], p.message || ''); }
    });
    var entries = [];
    (t3.imbalances || []).forEach(function (i) { entries.push({ table: 'table3', i: i }); });
    (t4.imbalances || []).forEach(function (i) { entries.push({ table: 'table4', i: i }); });
    entries.forEach(function (e) {
      var i = e.i;
      var li = el('li', { 'class': 'imbalance', 'data-rule': i.rule, 'data-table': e.table, 'data-row': i.row || '',
        'data-column': i.column || '' });
      li.appendChild(el('span', { 'class': 'rule', title: i.rule }, RULE_LABELS[i.rule] || i.rule));
      if (i.row || i.column) {
        var n = cellName(e.table, i.row, i.column);
        li.appendChild(el('span', { 'class': 'where' }, '［' + (e.table === 'table4' ? '表四 ' + n.column
          : (i.row ? n.row + ' / ' : '') + (i.column ? n.column : '')) + '］'));
      }
      li.appendChild(document.createTextNode(i.message || ''));
      list.appendChild(li);
      if (i.column && (i.row || e.table === 'table4')) { markPreviewCell(e.table, i.row, i.column, i.message || ''); }
    });
    var readable = d.readable === true;
    var ok = readable && entries.length === 0 && t3.balanced !== false && t4.balanced !== false;
    $('imp-check').setAttribute('data-state', ok ? 'ok' : 'bad');
    $('imp-summary').textContent = !readable
      ? '无法读取，共 ' + problems.length + ' 处问题（有问题的单元格按 0 显示，不能导入）：'
      : ok ? '校验通过：文件完整可读，表三各列收支平衡、合计一致，表四合计一致。'
        : '校验未通过，共 ' + entries.length + ' 项（仍可按已发布的原样导入，导入后这些问题随该版本显示）：';
    $('imp-confirm').disabled = !readable;
    updateScopeNote();
  }

  function updateScopeNote() {
    $('imp-scope-note').textContent = $('imp-subtree').checked
      ? '将作为“含下级”的汇总报告导入：本机关和含下级两种范围都显示这份报告。'
      : '将作为本机关的报告导入（“含下级”范围不显示）；如该报告是含下级机关的汇总报告，请勾选上方选项。';
  }

  /** PUTs the version with the preview's {@code imported}: the only write of the import. */
  function confirmImport(e) {
    e.preventDefault();
    var s = sel();
    var p = state.preview;
    if (!p || p.key !== selKey()) { impMsg('请先上传文件并预览。', false); return; }
    if (!p.data.readable) { impMsg('文件未能完整读取，不能导入。', false); return; }
    if (!state.token) { impMsg('导入需要令牌：请在上方“令牌”处输入本机关或上级机关的受理令牌，或管理员令牌。', false); return; }
    var next = Number($('import-form').getAttribute('data-next') || '1');
    var date = $('imp-date').value;
    var reason = $('imp-reason').value.trim();
    if (!date) { impMsg('请填写该报告的发布日期。', false); return; }
    if (next > 1 && !reason) { impMsg('第' + next + '版是更正后的重新发布，须填写更正原因。', false); return; }
    var imported = JSON.parse(JSON.stringify(p.data.imported));
    if ($('imp-subtree').checked) { imported.scope = 'subtree'; }
    var body = { publishedDate: date, imported: imported };
    if (next > 1) { body.reason = reason; }
    $('imp-confirm').disabled = true;
    impMsg('正在导入……', true);
    putPublication(s, next, body).then(function (r) {
      return r.json.then(function (b) {
        if (r.status === 200 || r.status === 201) {
          clearPreview();
          $('imp-file').value = '';
          showFileName();
          $('imp-reason').value = '';
          impMsg(s.year + '年度报告已发布 第' + (b && b.version ? b.version : next) + '版（导入），发布日期 '
            + (b && b.publishedDate ? b.publishedDate : date) + (imported.scope === 'subtree' ? '，含下级' : '') + '。',
            true);
          refreshPublication();
          refreshTables(false);
          return;
        }
        impMsg(b && b.message ? '导入未成功：' + chineseFirst(b).message : '导入失败（' + r.status + '）', false);
      });
    }, function () {
      impMsg('无法连接受理服务（' + (state.ingestUrl || location.origin) + '）：请确认受理服务地址正确，'
        + '且受理服务允许本页跨域访问。', false);
    }).then(function () { $('imp-confirm').disabled = !(state.preview && state.preview.data.readable); });
  }

  /**
   * PUTs version {@code next} of the selected agency's year to the ingest service: resolves to {status, json}, json a
   * promise of the parsed body (null when it is not JSON).
   */
  function putPublication(s, next, body) {
    var url = state.ingestUrl + '/api/v1/agencies/' + enc(s.agency) + '/reports/' + enc(s.year) + '/publications/' + next;
    return fetch(url, { method: 'PUT', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: 'Bearer ' + state.token },
      body: JSON.stringify(body) }).then(function (r) {
      return { status: r.status, json: r.text().then(function (t) {
        try { return t ? JSON.parse(t) : null; } catch (x) { return null; }
      }) };
    });
  }

  /** The ingest service's address: ?ingest=… (kept for the session), else this host on port 8080. */
  function ingestBase() {
    var fromQuery = new URLSearchParams(location.search).get('ingest');
    if (fromQuery) { sessionStorage.setItem('dashboard.ingest', fromQuery); }
    var u = fromQuery || sessionStorage.getItem('dashboard.ingest')
      || (location.protocol + '//' + location.hostname + ':8080');
    return u.replace(/\/+$/, '');
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
    tr.appendChild(el('td', { 'class': 'agency', title: '机关编号 ' + r.agencyId }, state.names[r.agencyId] || r.agencyId));
    tr.appendChild(el('td', { 'class': 'mono' }, r.requestId));
    tr.appendChild(el('td', null, r.receivedDate || ''));
    tr.appendChild(el('td', null, r.dueDate || ''));
    tr.appendChild(el('td', { 'class': 'num' + (r.workingDaysLeft < 0 ? ' overdue' : '') }, daysLeftCell(r.workingDaysLeft)));
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
    // one page of each status (most urgent first); the counts come from each list's total
    var list = function (status) {
      return getJson(base() + '/deadlines?scope=' + enc(s.scope) + '&status=' + status, true);
    };
    return Promise.all([list('OVERDUE'), list('DUE_SOON')]).then(function (pages) {
      if (sel().agency !== s.agency || sel().scope !== s.scope) { return; }
      var wanted = pages[0].requests.concat(pages[1].requests);
      var total = (pages[0].total || 0) + (pages[1].total || 0);
      var keys = {};
      wanted.forEach(function (r) { keys[rowKey(r.agencyId, r.requestId)] = true; });
      var tbody = $('deadline-table').querySelector('tbody');
      Array.prototype.slice.call(tbody.rows).forEach(function (tr) {
        if (!keys[tr.getAttribute('data-key')]) { tbody.removeChild(tr); }
      });
      wanted.forEach(function (r) { upsertRow(r, false); });
      $('deadline-hint').textContent = wanted.length === 0 ? '没有超期或即将到期的申请。'
        : '共 ' + total + ' 件' + (total > wanted.length ? '（列出最紧急的 ' + wanted.length + ' 件）' : '')
          + '；新的预警会实时出现。点击一行查看期限说明。';
    }).catch(function (err) {
      $('deadline-hint').textContent = err.message || '无法读取';
    });
  }

  /**
   * 视为放弃待办结: the open requests whose 补正 or fee notice has lapsed (deadlines?status=LAPSED), with what the desk
   * may close them as (the suggested 其他处理 row of Table 三, from the official layout's labels).
   */
  function loadLapsed() {
    if (!state.token || !$('agency').value) { return Promise.resolve(); }
    var s = sel();
    return getJson(base() + '/deadlines?status=LAPSED&scope=' + enc(s.scope), true).then(function (d) {
      if (sel().agency !== s.agency || sel().scope !== s.scope) { return; }
      var tbody = $('lapsed-table').querySelector('tbody');
      var selected = state.selected;
      clear(tbody);
      var list = (d.requests || []).filter(function (r) { return r.lapse; });
      list.forEach(function (r) {
        var key = rowKey(r.agencyId, r.requestId);
        var tr = el('tr', { 'data-key': key, 'data-request': r.requestId, 'data-agency': r.agencyId,
          'data-kind': r.lapse.kind, 'data-outcome': r.lapse.suggestedOutcome || '' });
        if (selected === key) { tr.className = 'selected'; }
        tr.appendChild(el('td', { 'class': 'agency', title: '机关编号 ' + r.agencyId }, state.names[r.agencyId] || r.agencyId));
        tr.appendChild(el('td', { 'class': 'mono' }, r.requestId));
        tr.appendChild(el('td', null, LAPSE_LABELS[r.lapse.kind] || r.lapse.kind));
        tr.appendChild(el('td', null, r.lapse.since || ''));
        tr.appendChild(el('td', null, outcomeLabel(r.lapse.suggestedOutcome)));
        tr.addEventListener('click', function () { showDetail(r.agencyId, r.requestId, tr); });
        tbody.appendChild(tr);
      });
      $('lapsed-table').hidden = list.length === 0;
      $('lapsed-hint').textContent = list.length === 0 ? '没有逾期未补正或逾期未缴费的申请。'
        : '共 ' + list.length + ' 件：申请人逾期未补正或逾期未缴费，可按建议的“其他处理”办结（答复日期不早于起始日）。'
          + '办结前仍计为办理中。';
    }).catch(function (err) {
      $('lapsed-hint').textContent = err.message || '无法读取';
    });
  }

  /** A Table 三 outcome row in the official words, e.g. 「其他处理·1.申请人无正当理由逾期不补正……」. */
  function outcomeLabel(code) {
    if (!code) { return ''; }
    var l = state.labels.t3[code + '|TOTAL'];
    if (!l || !l.row) { return code; }
    return l.row.replace(/^三、本年度办理结果\s*/, '');
  }

  function showDetail(agencyId, requestId, tr) {
    Array.prototype.forEach.call($('deadline-panel').querySelectorAll('tr.selected'), function (x) {
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
      $('d-due').textContent = d.lapse
        ? '无（' + (LAPSE_LABELS[d.lapse.kind] || d.lapse.kind) + '，自 ' + d.lapse.since + ' 起视为放弃；建议按“'
          + outcomeLabel(d.lapse.suggestedOutcome) + '”办结）'
        : (d.dueDate || '暂停计时中') + (d.provisional ? '（暂定：该年度节假日安排未发布）' : '');
      $('d-status').textContent = d.deadlineStatus === 'OVERDUE' && d.workingDaysLeft < 0
        ? daysLeftText(d.workingDaysLeft)
        : (STATUS_LABELS[d.deadlineStatus] || d.deadlineStatus)
          + (d.workingDaysLeft === null || d.workingDaysLeft === undefined ? '' : '，' + daysLeftText(d.workingDaysLeft));
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
      if (a.to === 'LAPSED') { scheduleReload(true); return; }
      var tr = upsertRow({ agencyId: a.agencyId, requestId: a.requestId, deadlineStatus: a.to, dueDate: a.dueDate,
        workingDaysLeft: a.workingDaysLeft, receivedDate: '' }, true);
      tr.setAttribute('data-live', 'true'); // this row's latest news came over the stream
      scheduleReload(false);
    });
  }

  // one reload of the lists and tables per burst of alerts (~2 s), not one per alert
  var RELOAD_AFTER_ALERTS_MS = 2000;
  var reload = { timer: null, lapsed: false };
  function scheduleReload(lapsed) {
    reload.lapsed = reload.lapsed || lapsed;
    if (reload.timer) { return; }
    reload.timer = setTimeout(function () {
      var withLapsed = reload.lapsed;
      reload.timer = null;
      reload.lapsed = false;
      loadDeadlines();
      if (withLapsed) { loadLapsed(); }
      refreshTables(true);
    }, RELOAD_AFTER_ALERTS_MS);
  }

  // the agency list is polled by its version (ETag): 304 while it is unchanged, the list only when it changed
  var agencyTag = null;
  function pollAgencies() {
    var headers = { 'Accept': 'application/json' };
    if (agencyTag) { headers['If-None-Match'] = agencyTag; }
    return fetch('/api/v1/agencies', { headers: headers, cache: 'no-store' }).then(function (r) {
      if (r.status !== 200) { return; }
      var known = agencyTag;
      agencyTag = r.headers.get('ETag');
      return r.json().then(function (a) {
        if (known === null && a.agencies.length === $('agency').options.length) { return; }
        var before = $('agency').value;
        fillAgencies(a.agencies);
        if (!before && $('agency').value) { selectionChanged(); }
      });
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
    clear($('lapsed-table').querySelector('tbody'));
    $('detail').hidden = true;
    clearPreview();
    impMsg('');
    $('imp-date').value = '';
    $('imp-subtree').checked = false;
    $('imp-file').value = '';
    showFileName();
    state.view = '';
    $('view-version').value = '';
    updateLinks();
    refreshTables(false);
    refreshPublication();
    loadDeadlines();
    loadLapsed();
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
    clear($('lapsed-table').querySelector('tbody'));
    $('detail').hidden = true;
    if (!token) {
      $('deadline-hint').textContent = '输入令牌后显示；新的预警会实时出现。点击一行查看期限说明。';
      $('lapsed-hint').textContent = '申请人逾期未补正或逾期未缴费、可按“其他处理”办结的申请；输入令牌后显示。';
      connectStream();
      return;
    }
    getJson(base() + '/deadlines?status=OVERDUE&scope=agency', true).then(function () {
      setMsg('令牌有效。', true);
    }).catch(function (err) { setMsg(err.message, false); });
    loadDeadlines();
    loadLapsed();
    connectStream();
    refreshPublication();
  }

  function poll() {
    refreshTables(true);
    refreshPublication();
    refreshStatus();
    loadDeadlines();
    loadLapsed();
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
    state.ingestUrl = ingestBase();
    $('ingest-url').textContent = state.ingestUrl;
    $('pub-date').value = chinaToday();
    $('pub-date').max = chinaToday();
    $('publish-form').addEventListener('submit', submitPublication);
    $('import-form').addEventListener('submit', confirmImport);
    $('imp-preview').addEventListener('click', previewImport);
    $('imp-cancel').addEventListener('click', function () {
      clearPreview(); $('imp-file').value = ''; showFileName(); impMsg('');
    });
    $('imp-subtree').addEventListener('change', updateScopeNote);
    $('imp-file').addEventListener('change', function () { clearPreview(); impMsg(''); showFileName(); });
    $('view-version').addEventListener('change', function () {
      state.view = $('view-version').value;
      state.last = { table3: null, table4: null, compliance: null };
      updateLinks();
      refreshTables(false);
    });
    // the list's version (ETag) is kept from this first read: the polls ask for it and get 304 while it holds
    var agencies = getJson('/api/v1/agencies', false, function (r) { agencyTag = r.headers.get('ETag'); });
    Promise.all([getJson('/api/v1/layout'), agencies]).then(function (answers) {
      state.layout = answers[0];
      drawGrid($('t3'), state.layout.table3, function (cell, c) {
        cell.setAttribute('data-row', c.rowCode);
        cell.setAttribute('data-col', c.columnCode);
      });
      drawGrid($('t4'), state.layout.table4, function (cell, c) { cell.setAttribute('data-code', c.code); });
      drawGrid($('imp-t3'), state.layout.table3, function (cell, c) {
        cell.setAttribute('data-row', c.rowCode);
        cell.setAttribute('data-col', c.columnCode);
      });
      drawGrid($('imp-t4'), state.layout.table4, function (cell, c) { cell.setAttribute('data-code', c.code); });
      state.labels.t3 = gridLabels(state.layout.table3, function (c) { return c.rowCode + '|' + c.columnCode; });
      state.labels.t4 = gridLabels(state.layout.table4, function (c) { return c.code; });
      fillAgencies(answers[1].agencies);
      document.body.setAttribute('data-ready', 'true');
      selectionChanged();
    }).catch(function (err) {
      setMsg(err.message || '无法连接统计服务', false);
      // still rebuilding: load the page again after Retry-After (the token stays in sessionStorage)
      if (err.retryAfter) { setTimeout(function () { location.reload(); }, err.retryAfter * 1000); }
    });
    refreshStatus();
    setInterval(function () {
      pollAgencies().catch(function () { /* shown by the other polls */ });
      poll();
    }, POLL_MS);
  }

  start();
}());
