// reportlint 网页版：选择报告 → 上传到本机的 reportlint serve → 显示检查结果。
// Plain script, no framework and no build step. Every text from a report or a result
// goes into the page with textContent (never as HTML). Spans in the results are byte
// offsets into the report's UTF-8 text; they are turned into string indices here.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);

  const SEVERITIES = [
    ['error', '错误', '必须修改'],
    ['warning', '警告', '建议修改'],
    ['info', '提示', '供参考'],
  ];
  const STATUS = {
    present: ['✓', '已写，符合要求'],
    weak: ['△', '已写，但需要补充'],
    missing: ['✗', '没有写'],
  };

  const state = {
    rules: new Map(), // 'fzzfjs/shortcomings' → rule from /api/packs
    elements: new Map(), // 'shortcomings' → rule (element rules only)
    packs: new Map(), // 'fzzfjs' → pack from /api/packs
    components: new Map(), // 'legal-review' → name
    files: [], // the File objects of the last check
    result: null, // the last /api/check response
    urls: [], // blob: URLs to revoke on the next check
  };

  // --- small helpers -------------------------------------------------------

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function blobUrl(blob) {
    const url = URL.createObjectURL(blob);
    state.urls.push(url);
    return url;
  }

  /** The file's name without folders and extension. */
  function stem(path) {
    const base = path.split('/').pop();
    const dot = base.lastIndexOf('.');
    return dot > 0 ? base.slice(0, dot) : base;
  }

  /** Save a blob through the hidden link (a real download the browser shows). */
  function save(blob, name) {
    const a = $('saver');
    a.href = blobUrl(blob);
    a.download = name;
    a.click();
  }

  /** The Chinese message of a failed response. */
  async function failure(response) {
    try {
      const body = await response.json();
      if (body && body.error) return body.error;
    } catch (e) {
      // not JSON: fall through
    }
    return '服务返回错误（' + response.status + '），请重试。';
  }

  function addError(path, message) {
    const list = $('errors');
    list.append(el('li', { 'data-path': path }, path ? el('strong', {}, path + '：') : '', message));
    list.hidden = false;
  }

  function options(form) {
    const year = $('year').value;
    const unit = $('unit-type').value;
    if (year) form.append('year', year);
    if (unit) form.append('unit-type', unit);
    const pack = $('pack').files[0];
    if (pack) form.append('pack', pack, pack.name);
  }

  // --- byte offsets → string indices --------------------------------------

  /** A function from a UTF-8 byte offset in `text` to an index into the JS string. */
  function byteIndex(text) {
    const starts = []; // byte offset of each code point
    const indices = []; // its string index
    const encoder = new TextEncoder();
    let bytes = 0;
    let i = 0;
    for (const ch of text) {
      starts.push(bytes);
      indices.push(i);
      bytes += encoder.encode(ch).length;
      i += ch.length;
    }
    starts.push(bytes);
    indices.push(i);
    return function (offset) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return indices[lo];
    };
  }

  // --- progress --------------------------------------------------------------

  function progress(text, fraction) {
    const box = $('progress');
    box.hidden = false;
    $('progress-text').textContent = text;
    const fill = $('progress-fill');
    fill.classList.toggle('busy', fraction === null);
    fill.style.width = fraction === null ? '' : Math.round(fraction * 100) + '%';
  }

  // --- checking -------------------------------------------------------------

  function reset() {
    for (const url of state.urls) URL.revokeObjectURL(url);
    state.urls = [];
    state.result = null;
    state.opened = undefined;
    $('errors').replaceChildren();
    $('errors').hidden = true;
    $('report').hidden = true;
    $('matrix').hidden = true;
  }

  function start(files) {
    if (!files.length) return;
    reset();
    state.files = files;
    const form = new FormData();
    for (const f of files) form.append('file', f, f.webkitRelativePath || f.name);
    options(form);
    const batch = files.length > 1 || files.some((f) => /\.zip$/i.test(f.name));
    if (batch) form.append('review', '1');
    const box = $('progress');
    box.dataset.state = 'running';
    progress('正在上传 ' + files.length + ' 个文件……', 0);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/check');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress('正在上传 ' + files.length + ' 个文件……', e.loaded / e.total);
    };
    xhr.upload.onload = () => {
      progress(batch ? '正在检查，请稍候（报告较多时需要几十秒）……' : '正在检查，请稍候……', null);
    };
    xhr.onload = () => {
      box.dataset.state = 'done';
      const body = xhr.response;
      if (xhr.status !== 200 || !body || !body.documents) {
        progress('检查未完成。', 0);
        addError('', (body && body.error) || '服务返回错误（' + xhr.status + '），请重试。');
        return;
      }
      show(body);
    };
    xhr.onerror = () => {
      box.dataset.state = 'done';
      progress('检查未完成。', 0);
      addError('', '无法连接到本机的检查服务：启动窗口可能已关闭。请重新运行 reportlint serve，并使用它显示的新地址。');
    };
    xhr.send(form);
  }

  function show(result) {
    state.result = result;
    for (const e of result.errors || []) addError(e.path, e.message);
    const docs = result.documents;
    const failed = (result.errors || []).length;
    let text = '已完成：检查了 ' + docs.length + ' 份报告';
    if (failed) text += '，' + failed + ' 个文件无法检查（见下方说明）';
    progress(text + '。', 1);
    if (docs.length === 1) showReport(0, false);
    else if (docs.length > 1) showMatrix();
  }

  // --- one report ------------------------------------------------------------

  /** The rule of a document's element: by its full rule id (two packs may share an element id). */
  function elementRule(e) {
    return (e.rule && state.rules.get(e.rule)) || state.elements.get(e.id);
  }

  function elementName(e) {
    const rule = elementRule(e);
    return rule ? rule.title : e.id;
  }

  function checklist(doc) {
    const list = $('checklist');
    list.replaceChildren();
    for (const e of doc.elements) {
      const [mark, word] = STATUS[e.status] || ['?', e.status];
      const item = el('li', { 'data-element': e.id, 'data-status': e.status, class: 'status-' + e.status },
        el('span', { class: 'mark', 'aria-hidden': 'true' }, mark),
        e.span
          ? el('button', { type: 'button', class: 'name link', title: '在原文中查看', onclick: () => jump(e.id) }, elementName(e))
          : el('span', { class: 'name' }, elementName(e)),
        el('span', { class: 'word' }, word));
      if (e.components && e.components.length) {
        const parts = el('ul', { class: 'components' });
        for (const c of e.components) {
          const [cm, cw] = STATUS[c.status] || ['?', c.status];
          parts.append(el('li', { 'data-component': c.id, 'data-status': c.status, class: 'status-' + c.status },
            el('span', { class: 'mark', 'aria-hidden': 'true' }, cm),
            el('span', { class: 'name' }, state.components.get(c.id) || c.id),
            el('span', { class: 'word' }, cw)));
        }
        item.append(parts);
      }
      list.append(item);
    }
  }

  /** Scroll the text to where element `id` starts. */
  function jump(id) {
    const anchor = document.querySelector('#text .anchor[data-element-at="' + id + '"]');
    if (anchor) anchor.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  function where(doc, span) {
    if (!span) return '全文';
    if (span.paragraph) return '第 ' + span.paragraph + ' 段';
    return '第 ' + span.line + ' 行';
  }

  function findingsList(doc) {
    const box = $('findings');
    box.replaceChildren();
    if (!doc.findings.length) {
      box.append(el('p', { class: 'none' }, '没有发现问题。'));
      return;
    }
    for (const [sev, word, what] of SEVERITIES) {
      const items = doc.findings.map((f, i) => [f, i]).filter(([f]) => f.severity === sev);
      if (!items.length) continue;
      const list = el('ol', { class: 'finding-list' });
      for (const [f, i] of items) {
        const rule = state.rules.get(f.rule);
        const item = el('li', {
          class: 'finding sev-' + sev, tabindex: 0, role: 'button',
          'data-index': i, 'data-rule': f.rule, 'data-severity': sev,
          onclick: () => select(i, 'finding'),
          onkeydown: (ev) => {
            if (ev.key === 'Enter' || ev.key === ' ') {
              ev.preventDefault();
              select(i, 'finding');
            }
          },
        },
        el('p', { class: 'message' }, f.message, fixMark(f)),
        el('p', { class: 'where' }, where(doc, f.span), rule ? ' · ' + rule.title : ''),
        f.labels && f.labels.length
          ? el('ul', { class: 'labels' }, f.labels.map((l) => el('li', {}, l.message + '（' + where(doc, l.span) + '）')))
          : null,
        f.help ? el('p', { class: 'help' }, el('strong', {}, '建议：'), f.help) : null,
        rule && rule.basis ? el('p', { class: 'basis' }, el('strong', {}, '依据：'), rule.basis) : null);
        list.append(item);
      }
      box.append(el('h4', { class: 'sev-title sev-' + sev }, word + '（' + what + '）' + items.length + ' 条'), list);
    }
  }

  /** “可自动修正” (written into the Word copy with revisions) or “可修正，需确认”. */
  function fixMark(f) {
    const safety = (f.fix && f.fix.safety) || (f.restyle && f.restyle.safety);
    if (!safety) return null;
    const safe = safety === 'safe';
    return el('span', {
      class: 'fix-mark' + (safe ? ' safe' : ''),
      title: safe ? 'Word 报告可下载“带修订的 Word 文档”，此处已按规定改好，可逐条接受或拒绝' : '改法需要人确认，带修订的文档中不改，仍为批注',
    }, safe ? '可自动修正' : '可修正，需确认');
  }

  /** The report text with each finding's span in mark.hl[data-index]. */
  function textView(doc) {
    const box = $('text');
    box.replaceChildren();
    const text = doc.text || '';
    const at = byteIndex(text);
    const spans = [];
    doc.findings.forEach((f, i) => {
      if (!f.span) return;
      let s = at(f.span.start);
      let e = at(f.span.end);
      if (e <= s) e = Math.min(text.length, s + 1);
      if (e > s) spans.push([s, e, i]);
    });
    // Where each found element starts: a target for the checklist's links.
    const anchors = doc.elements.filter((e) => e.span).map((e) => [at(e.span.start), e.id]);
    const cuts = new Set([0, text.length]);
    for (const [s, e] of spans) {
      cuts.add(s);
      cuts.add(e);
    }
    for (const [a] of anchors) cuts.add(a);
    const points = Array.from(cuts).sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      for (const [pos, id] of anchors) {
        if (pos === a) frag.append(el('span', { class: 'anchor', 'data-element-at': id }));
      }
      let node = document.createTextNode(text.slice(a, b));
      const covering = spans.filter(([s, e]) => s <= a && b <= e).map(([, , i]) => i).sort((x, y) => y - x);
      for (const i of covering) {
        const sev = doc.findings[i].severity;
        node = el('mark', { class: 'hl sev-' + sev, 'data-index': i, onclick: (ev) => {
          ev.stopPropagation();
          select(i, 'mark');
        } }, node);
      }
      frag.append(node);
    }
    box.append(frag);
  }

  /** Make finding `i` and its marks active; scroll the other side into view. */
  function select(i, from) {
    for (const n of document.querySelectorAll('.finding.active, mark.hl.active')) n.classList.remove('active');
    const finding = document.querySelector('.finding[data-index="' + i + '"]');
    const marks = document.querySelectorAll('mark.hl[data-index="' + i + '"]');
    if (finding) finding.classList.add('active');
    for (const m of marks) m.classList.add('active');
    if (from === 'finding' && marks.length) {
      marks[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    } else if (from === 'mark' && finding) {
      finding.scrollIntoView({ block: 'center', behavior: 'smooth' });
      finding.focus({ preventScroll: true });
    }
  }

  function downloads(doc, index) {
    const single = Object.assign({}, state.result, { documents: [doc], errors: [] });
    delete single.review;
    const json = $('download-json');
    json.href = blobUrl(new Blob([JSON.stringify(single, null, 2)], { type: 'application/json' }));
    json.download = stem(doc.path) + '-检查结果.json';
    const file = state.files.find((f) => (f.webkitRelativePath || f.name) === doc.path);
    const safe = (x) => x && x.safety === 'safe';
    const fixable = doc.findings.some((f) => safe(f.fix) || safe(f.restyle));
    for (const [id, suffix, shown] of [['download-annotated', '批注', true], ['download-revised', '修订', fixable]]) {
      const link = $(id);
      link.hidden = !(doc.format === 'docx' && file && shown);
      link.removeAttribute('data-ready');
      link.href = '#';
      link.download = stem(doc.path) + '-' + suffix + '.docx';
      link.dataset.index = String(index);
    }
  }

  // The Word copy with comments, or (the “修订” link) with the safe fixes as revisions.
  async function annotated(ev) {
    const link = ev.currentTarget;
    if (link.dataset.ready) return;
    ev.preventDefault();
    const doc = state.result.documents[Number(link.dataset.index)];
    const file = state.files.find((f) => (f.webkitRelativePath || f.name) === doc.path);
    if (!file) return;
    const form = new FormData();
    form.append('file', file, doc.path);
    options(form);
    const revised = link.id === 'download-revised';
    if (revised) form.append('fix', 'safe');
    const label = link.textContent;
    link.textContent = revised ? '正在生成带修订的文档……' : '正在生成带批注的文档……';
    try {
      const response = await fetch('/api/annotate', { method: 'POST', body: form });
      if (!response.ok) {
        addError(doc.path, await failure(response));
        return;
      }
      link.href = blobUrl(await response.blob());
      link.dataset.ready = '1';
      link.click();
    } finally {
      link.textContent = label;
    }
  }

  function showReport(index, fromMatrix) {
    const doc = state.result.documents[index];
    state.opened = fromMatrix ? index : undefined;
    $('matrix').hidden = true;
    $('report').hidden = false;
    $('back').hidden = !fromMatrix;
    $('report-title').textContent = doc.title || stem(doc.path);
    const bits = ['文件：' + doc.path];
    if (doc.year) bits.push('报告年度：' + doc.year);
    const n = doc.findings.length;
    bits.push(n ? '发现 ' + n + ' 处需要注意' : '未发现问题');
    $('report-meta').textContent = bits.join('　');
    checklist(doc);
    findingsList(doc);
    textView(doc);
    downloads(doc, index);
    $('report').scrollIntoView({ block: 'start' });
  }

  // --- several reports -----------------------------------------------------

  /** The documents grouped by the content packs applied to them (not the companion packs
   * that check every report, such as the 版式 pack), in order of first appearance. */
  function packGroups(docs) {
    const groups = new Map();
    docs.forEach((doc, i) => {
      const packs = (doc.packs || []).filter((id) => !(state.packs.get(id) || {}).companion);
      const key = packs.join('、');
      if (!groups.has(key)) groups.set(key, { packs: packs, indices: [] });
      groups.get(key).indices.push(i);
    });
    return Array.from(groups.values());
  }

  /** What a group's reports are, as the summary files head them. */
  function groupTitle(packs) {
    const titles = packs.map((id) => {
      const pack = state.packs.get(id);
      return pack ? pack.title.split(/[（(]/)[0].trim() || pack.title : id;
    });
    return titles.join('、') + '（规则包 ' + packs.join('、') + '）';
  }

  /** One table per group of reports checked by the same packs, each with its packs' elements. */
  function matrixTable(docs) {
    const wrap = $('matrix-groups');
    for (const old of wrap.querySelectorAll('.group-part')) old.remove();
    const groups = packGroups(docs);
    groups.forEach((group, n) => {
      let table = $('matrix-table');
      if (n > 0) {
        table = el('table', { class: 'matrix-extra' }, el('thead'), el('tbody'));
        wrap.append(el('div', { class: 'table-wrap group-part' }, table));
      }
      if (groups.length > 1) {
        const heading = el('h3', { class: 'group-title group-part' },
          groupTitle(group.packs) + '：' + group.indices.length + ' 份报告');
        table.parentNode.before(heading);
      }
      matrixRows(table, docs, group.indices);
    });
  }

  function matrixRows(table, docs, indices) {
    const key = (e) => e.rule || e.id;
    const columns = docs[indices[0]].elements;
    const units = new Map(((state.result.review || {}).reports || []).map((r) => [r.path, r.unit]));
    const head = el('tr', {}, el('th', { scope: 'col' }, '报告'),
      columns.map((c) => {
        const rule = elementRule(c);
        return el('th', { scope: 'col', title: elementName(c) }, rule && rule.short ? rule.short : elementName(c));
      }),
      el('th', { scope: 'col' }, '错误'), el('th', { scope: 'col' }, '警告'), el('th', { scope: 'col' }, '提示'));
    table.tHead.replaceChildren(head);
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const i of indices) {
      const doc = docs[i];
      const count = (sev) => doc.findings.filter((f) => f.severity === sev).length;
      const open = () => showReport(i, true);
      const row = el('tr', {
        'data-path': doc.path, 'data-index': i, tabindex: 0, class: 'clickable',
        onclick: open,
        onkeydown: (ev) => {
          if (ev.key === 'Enter') open();
        },
      },
      el('th', { scope: 'row' }, el('span', { class: 'unit' }, units.get(doc.path) || doc.title || stem(doc.path)),
        el('span', { class: 'path' }, doc.path)),
      columns.map((c) => {
        const e = doc.elements.find((x) => key(x) === key(c));
        if (!e) return el('td', {}, '—');
        const [mark, word] = STATUS[e.status] || ['?', e.status];
        return el('td', { class: 'cell status-' + e.status, title: elementName(c) + '：' + word }, mark);
      }),
      el('td', { class: 'num' }, count('error')), el('td', { class: 'num' }, count('warning')),
      el('td', { class: 'num' }, count('info')));
      body.append(row);
    }
  }

  function reviewTables() {
    const review = state.result.review || { rules: [], similar: [] };
    const body = $('rule-totals').tBodies[0];
    body.replaceChildren();
    for (const r of review.rules) {
      // What was found, not the rule's configured level: a part can be missing (an
      // error) in one report and only weak (a warning) in another.
      const parts = [];
      if (r.missing) parts.push('缺失 ' + r.missing + ' 份');
      if (r.weak) parts.push('偏弱 ' + r.weak + ' 份');
      body.append(el('tr', {}, el('td', {}, r.title), el('td', {}, parts.join('，') || '—'),
        el('td', { class: 'num' }, r.reports), el('td', { class: 'num' }, r.findings)));
    }
    if (!review.rules.length) body.append(el('tr', {}, el('td', { colspan: 4 }, '没有发现问题。')));
    const dup = $('duplicates');
    dup.replaceChildren();
    if (!review.similar.length) {
      dup.append(el('p', { class: 'none' }, '没有发现内容雷同的报告。'));
      return;
    }
    dup.append(el('ul', { class: 'similar' }, review.similar.map((p) =>
      el('li', {}, el('strong', {}, p.element), '：', p.a, ' 与 ', p.b, ' 相似度 ',
        Math.round(p.similarity * 100) + '%'))));
  }

  async function summaryFile(ev) {
    const link = ev.currentTarget;
    if (link.dataset.ready) return;
    ev.preventDefault();
    const format = link.id.replace('download-', '');
    const form = new FormData();
    for (const f of state.files) form.append('file', f, f.webkitRelativePath || f.name);
    options(form);
    form.append('format', format);
    const label = link.textContent;
    link.textContent = '正在生成……';
    try {
      const response = await fetch('/api/summary', { method: 'POST', body: form });
      if (!response.ok) {
        addError('', await failure(response));
        return;
      }
      link.href = blobUrl(await response.blob());
      link.dataset.ready = '1';
      link.removeAttribute('aria-disabled');
      link.click();
    } finally {
      link.textContent = label;
    }
  }

  function showMatrix() {
    $('report').hidden = true;
    $('matrix').hidden = false;
    const docs = state.result.documents;
    for (const id of ['download-xlsx', 'download-csv', 'download-html']) {
      const link = $(id);
      link.removeAttribute('data-ready');
      link.href = '#';
    }
    matrixTable(docs);
    reviewTables();
    const opened = state.opened === undefined ? null : document.querySelector('#matrix tbody tr[data-index="' + state.opened + '"]');
    if (opened) opened.focus();
    else $('matrix').scrollIntoView({ block: 'start' });
  }

  // --- skeleton --------------------------------------------------------------

  async function skeleton(format) {
    const body = {
      year: $('template-year').value,
      unit: $('template-unit').value.trim(),
      format: format,
    };
    const response = await fetch('/api/template', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      addError('', await failure(response));
      return;
    }
    save(await response.blob(), (body.unit || '') + body.year + '年法治政府建设情况报告（骨架）.' + format);
  }

  // --- start-up ----------------------------------------------------------------

  function years() {
    const now = new Date().getFullYear();
    for (let y = now; y >= now - 10; y--) $('year').append(el('option', { value: y }, y + ' 年'));
    for (let y = now; y >= now - 5; y--) {
      $('template-year').append(el('option', { value: y, selected: y === now - 1 }, y + ' 年'));
    }
  }

  async function packs() {
    const response = await fetch('/api/packs');
    if (!response.ok) return;
    const body = await response.json();
    const units = [];
    for (const pack of body.packs) {
      state.packs.set(pack.id, pack);
      for (const r of pack.rules) {
        state.rules.set(r.rule, r);
        if (r.element) state.elements.set(r.id, r);
        for (const c of r.components) state.components.set(c.id, c.name);
      }
      units.push(...pack.units);
    }
    if (units.length) {
      const select = $('unit-type');
      select.replaceChildren(el('option', { value: '' }, '自动识别'),
        units.map((u) => el('option', { value: u.id }, u.name)));
    }
  }

  function wire() {
    const input = $('files');
    input.addEventListener('change', () => {
      const files = Array.from(input.files);
      input.value = '';
      start(files);
    });
    const drop = $('drop');
    drop.addEventListener('dragover', (ev) => {
      ev.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (ev) => {
      ev.preventDefault();
      drop.classList.remove('over');
      start(Array.from(ev.dataTransfer.files));
    });
    $('back').addEventListener('click', showMatrix);
    $('download-annotated').addEventListener('click', annotated);
    $('download-revised').addEventListener('click', annotated);
    for (const id of ['download-xlsx', 'download-csv', 'download-html']) $(id).addEventListener('click', summaryFile);
    $('template-docx').addEventListener('click', () => skeleton('docx'));
    $('template-md').addEventListener('click', () => skeleton('md'));
  }

  years();
  wire();
  packs();
})();
