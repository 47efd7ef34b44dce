// `reportlint serve` 网页的端到端测试：真实浏览器（Debian 的 chromium，由 playwright-core 驱动）。
//
// 本测试不编译任何东西：二进制取自环境变量 REPORTLINT_BIN（默认 ../../target/debug/reportlint，
// 相对本文件夹），浏览器取自 CHROMIUM_PATH（默认 /usr/bin/chromium）。
// UPDATE_SCREENSHOTS=1 时把截图写进 docs/screenshots/（README 引用），否则写进临时文件夹，
// 以免 CI 弄脏工作区。
//
// 运行：cd tests/browser && npm ci && node --test

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import yauzl from 'yauzl';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const bin = path.resolve(here, process.env.REPORTLINT_BIN || '../../target/debug/reportlint');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const docxDir = path.join(repo, 'fixtures', 'docx');

// 一份有若干带位置（span）发现的 Word 报告，和另外三份用于多报告矩阵。
const SINGLE = 'haian-2023.docx';
const MANY = ['baoan-fgj-2020.docx', 'wuqing-2020.docx', 'xixiang-2020.docx'];

// 每一步等待的上限：调试版二进制检查一份报告约需一两秒；CI 机器忙时会慢很多，留足余量但不无限等待。
const WAIT_MS = 60_000;
const TEST_MS = 240_000;

const updateScreenshots = process.env.UPDATE_SCREENSHOTS === '1';
const work = mkdtempSync(path.join(tmpdir(), 'reportlint-browser-'));
const shotDir = updateScreenshots ? path.join(repo, 'docs', 'screenshots') : path.join(work, 'screenshots');

let server; // { proc, url, origin, stderr, exited }
let browser;

/** 启动 `reportlint serve --no-open --port 0`，从标准输出读出带令牌的网址。 */
function startServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn(bin, ['serve', '--no-open', '--port', '0'], {
      cwd: work,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const state = { proc, url: null, origin: null, stdout: '', stderr: '', exited: null };
    state.exitPromise = new Promise((res) => {
      proc.on('exit', (code, signal) => {
        state.exited = { code, signal };
        res(state.exited);
      });
    });
    const timer = setTimeout(() => {
      reject(new Error(`${WAIT_MS} ms 内 serve 没有打印网址。\nstdout:\n${state.stdout}\nstderr:\n${state.stderr}`));
    }, WAIT_MS);
    proc.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`无法启动 ${bin}：${e.message}（先 cargo build，或设 REPORTLINT_BIN）`));
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d) => {
      state.stderr += d;
    });
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (d) => {
      state.stdout += d;
      const m = state.stdout.match(/http:\/\/[^\s]+\?token=[A-Za-z0-9_-]+/);
      if (m && !state.url) {
        clearTimeout(timer);
        state.url = m[0];
        state.origin = new URL(m[0]).origin;
        resolve(state);
      }
    });
    proc.on('exit', () => {
      if (!state.url) {
        clearTimeout(timer);
        reject(new Error(`serve 未打印网址就退出了。\nstdout:\n${state.stdout}\nstderr:\n${state.stderr}`));
      }
    });
  });
}

/** 结束 serve：先 SIGTERM，10 秒内不退出再 SIGKILL。返回退出情况。 */
async function stopServer(s) {
  if (!s || s.exited) return s?.exited;
  s.proc.kill('SIGTERM');
  const timeout = new Promise((res) => setTimeout(() => res(null), 10_000).unref());
  const r = await Promise.race([s.exitPromise, timeout]);
  if (r) return r;
  s.proc.kill('SIGKILL');
  await s.exitPromise;
  return { code: null, signal: 'SIGKILL', forced: true };
}

/** 命令行 `reportlint check --format json` 的结果（与网页对照）。 */
function cliCheck(file, t) {
  const started = performance.now();
  const r = spawnSync(bin, ['check', '--format', 'json', file], {
    cwd: work,
    encoding: 'utf8',
    timeout: WAIT_MS,
  });
  assert.ok(r.stdout, `check 没有输出：${r.stderr}`);
  const json = JSON.parse(r.stdout);
  assert.equal(json.documents.length, 1);
  t?.diagnostic(`命令行 check ${path.basename(file)}：${Math.round(performance.now() - started)} ms`);
  return json.documents[0];
}

/** 读 zip（.docx、.xlsx）的全部条目：名称 → 内容。 */
function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * 新开一个页面（独立的浏览器上下文），打开带令牌的网址。
 * 记录控制台错误、页面异常和发往本服务以外的请求，测试结束时断言都没有。
 */
async function openPage(viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN' });
  context.setDefaultTimeout(WAIT_MS);
  // 记录布局偏移（layout shift），结果出现时不应把已有内容挤开。
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`控制台错误：${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`页面异常：${e.message}`));
  page.on('request', (req) => {
    const u = req.url();
    if (!(u.startsWith(server.origin + '/') || u.startsWith('blob:') || u.startsWith('data:'))) {
      problems.push(`外部请求：${u}`);
    }
  });
  const resp = await page.goto(server.url, { timeout: WAIT_MS });
  assert.equal(resp.status(), 200, '带令牌打开页面应得 200');
  return {
    page,
    context,
    problems,
    async close() {
      await context.close();
    },
  };
}

/** 选择文件并等待这一批检查结束（#progress 的 data-state="done"）。 */
async function upload(page, files, t) {
  const started = performance.now();
  const done = page.waitForResponse((r) => r.url().includes('/api/check') && r.request().method() === 'POST', {
    timeout: WAIT_MS,
  });
  await page.locator('#files').setInputFiles(files);
  const resp = await done;
  assert.equal(resp.status(), 200, `/api/check 应得 200，实得 ${resp.status()}`);
  await page.locator('#progress[data-state="done"]').waitFor({ state: 'attached', timeout: WAIT_MS });
  t?.diagnostic(`网页检查 ${files.length} 个文件（选择文件到显示结果）：${Math.round(performance.now() - started)} ms`);
  return resp.json();
}

/** 点击下载链接，返回 Playwright 的 Download 与保存好的文件路径。 */
async function download(page, selector, name) {
  const link = page.locator(selector);
  await link.waitFor({ state: 'visible', timeout: WAIT_MS });
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), link.click()]);
  const failure = await dl.failure();
  assert.equal(failure, null, `下载 ${selector} 失败：${failure}`);
  const file = path.join(work, name);
  await dl.saveAs(file);
  return { dl, file };
}

/** 页面在这个宽度下不出现横向滚动条（1280×720 与 1920×1080 都要能用）。 */
async function assertNoHorizontalScroll(page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= width, `页面宽 ${scroll}px，超出窗口 ${width}px，出现横向滚动条`);
}

async function shot(page, name) {
  await assertNoHorizontalScroll(page);
  mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: path.join(shotDir, name), animations: 'disabled', caret: 'hide' });
}

/** 某条发现在网页文本中的高亮与其 UTF-8 字节位置对应的文字。 */
function spanText(text, span) {
  return Buffer.from(text, 'utf8').subarray(span.start, span.end).toString('utf8');
}

before(async () => {
  assert.ok(existsSync(bin), `找不到 reportlint：${bin}（先 cargo build，或设 REPORTLINT_BIN）`);
  assert.ok(existsSync(chromiumPath), `找不到 chromium：${chromiumPath}（apt-get install chromium，或设 CHROMIUM_PATH）`);
  server = await startServer();
  browser = await chromium.launch({
    executablePath: chromiumPath,
    // CI 以 root 运行，chromium 在 root 下必须关掉沙箱。
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    timeout: WAIT_MS,
  });
});

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    await stopServer(server);
    rmSync(work, { recursive: true, force: true });
  }
});

test('一份 Word 报告：清单、高亮、点击定位、批注版下载，与命令行一致', { timeout: TEST_MS }, async (t) => {
  const file = path.join(docxDir, SINGLE);
  const cli = cliCheck(file, t);
  const { page, problems, close } = await openPage();
  try {
    await shot(page, 'home-1280x720.png');
    const result = await upload(page, [file], t);
    const doc = result.documents.find((d) => d.path === SINGLE);
    assert.ok(doc, `/api/check 的结果里没有 ${SINGLE}`);
    assert.equal(typeof doc.text, 'string');

    await page.locator('#report').waitFor({ state: 'visible' });
    const shift = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
    t.diagnostic(`显示结果时的布局偏移（CLS）：${shift.toFixed(3)}`);

    // 清单：每个要素一行，状态与命令行相同。
    const rows = page.locator('#checklist [data-element]');
    await rows.first().waitFor();
    const statuses = await rows.evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.dataset.element, e.dataset.status])),
    );
    const expected = Object.fromEntries(cli.elements.map((e) => [e.id, e.status]));
    assert.deepEqual(statuses, expected, '网页清单与 check --format json 的要素状态应一致');
    for (const s of Object.values(statuses)) assert.match(s, /^(present|weak|missing)$/);

    // 发现：条数、规则、严重程度与命令行相同。
    const findings = page.locator('#findings .finding');
    assert.equal(await findings.count(), cli.findings.length, '网页的发现条数应等于命令行的条数');
    const shown = await findings.evaluateAll((els) =>
      els.map((e) => ({ index: Number(e.dataset.index), rule: e.dataset.rule, severity: e.dataset.severity })),
    );
    for (const f of shown) {
      const c = cli.findings[f.index];
      assert.ok(c, `data-index=${f.index} 超出命令行的发现范围`);
      assert.equal(f.rule, c.rule, `第 ${f.index} 条发现的规则`);
      assert.equal(f.severity, c.severity, `第 ${f.index} 条发现的严重程度`);
    }
    assert.deepEqual(
      shown.map((f) => f.index).sort((a, b) => a - b),
      cli.findings.map((_, i) => i),
      '每条发现恰好出现一次',
    );

    // 高亮：每条带位置的发现都有 mark.hl，文字就是 span 指向的那段（字节偏移换算正确）。
    const withSpan = cli.findings.map((f, i) => [f, i]).filter(([f]) => f.span);
    assert.ok(withSpan.length > 0, '所选样本应有带位置的发现');
    assert.ok((await page.locator('#text mark.hl').count()) > 0, '应至少有一处高亮');
    for (const [f, i] of withSpan) {
      const marks = page.locator(`#text mark.hl[data-index="${i}"]`);
      assert.ok((await marks.count()) > 0, `第 ${i} 条发现（${f.rule}）没有高亮`);
      const marked = (await marks.allTextContents()).join('');
      const want = spanText(doc.text, f.span);
      // 重叠的高亮可能被拆开或嵌套：拼起来的文字至少要在 span 的范围之内。
      assert.ok(want.includes(marked) && marked.length > 0, `第 ${i} 条的高亮“${marked}”应是“${want}”`);
    }

    // 点击一条带位置的发现：它的高亮变为 active 并滚入视口。选文本中最靠后的一条，确保需要滚动。
    const [, target] = withSpan.reduce((a, b) => (b[0].span.start > a[0].span.start ? b : a));
    const item = page.locator(`#findings .finding[data-index="${target}"]`);
    await item.click();
    await page.waitForFunction(
      (i) => document.querySelector(`#text mark.hl[data-index="${i}"].active`) !== null,
      target,
      { timeout: WAIT_MS },
    );
    assert.ok(await item.evaluate((e) => e.classList.contains('active')), '被点击的发现应有 active 类');
    await waitInViewport(page, `#text mark.hl[data-index="${target}"]`);
    // 只有一条 active。
    assert.equal(await page.locator('#text mark.hl.active').evaluateAll((ms) => new Set(ms.map((m) => m.dataset.index)).size), 1);

    // 点击原文中的高亮：回到它的那条发现（active、在视口内、获得焦点）。选一处不与别的高亮嵌套的。
    const back = await page.locator('#text mark.hl').evaluateAll(
      (ms, skip) =>
        ms
          .filter((m) => !m.querySelector('mark.hl') && !m.parentElement.closest('mark.hl'))
          .map((m) => Number(m.dataset.index))
          .find((i) => i !== skip),
      target,
    );
    if (back !== undefined) {
      await page.locator(`#text mark.hl[data-index="${back}"]`).first().click();
      await page.locator(`#findings .finding.active[data-index="${back}"]`).waitFor({ state: 'attached' });
      await waitInViewport(page, `#findings .finding[data-index="${back}"]`);
      assert.equal(
        await page.evaluate(() => document.activeElement?.closest('.finding')?.dataset.index),
        String(back),
        '点击高亮后焦点应在对应的发现上',
      );
    } else {
      t.diagnostic('没有不嵌套的另一处高亮，跳过“点击高亮回到发现”');
    }

    // 截图：报告视图从头显示（清单在上），文本栏里是列表中第一条带位置发现的高亮。
    const first = await page
      .locator('#findings .finding')
      .evaluateAll((els) =>
        els.map((e) => Number(e.dataset.index)).find((i) => document.querySelector(`#text mark.hl[data-index="${i}"]`)),
      );
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width, height });
      await page.locator(`#findings .finding[data-index="${first}"]`).click();
      await waitInViewport(page, `#text mark.hl[data-index="${first}"].active`);
      await scrollToTop(page, '#report');
      await shot(page, `report-${width}x${height}.png`);
    }
    await page.setViewportSize({ width: 1280, height: 720 });

    // 结果 JSON 与批注版 Word。
    const json = await download(page, '#download-json', 'result.json');
    assert.match(json.dl.suggestedFilename(), /\.json$/);
    const annotated = await download(page, '#download-annotated', 'annotated.docx');
    assert.match(annotated.dl.suggestedFilename(), /\.docx$/);
    const entries = await readZip(annotated.file);
    assert.ok(entries.has('word/document.xml'), '批注版应是 Word 文档');
    assert.ok(entries.has('word/comments.xml'), '批注版应含 word/comments.xml');
    const comments = entries.get('word/comments.xml').toString('utf8');
    const n = (comments.match(/<w:comment[\s>]/g) || []).length;
    assert.ok(n >= 1, `word/comments.xml 应至少有一条 w:comment，实有 ${n}`);

    // 能确定改法的问题标“可自动修正”；修订版 Word 把它写成修订，原文仍在删除标记中。
    const marked = page.locator('#findings .finding', { hasText: '截止目前' }).locator('.fix-mark.safe');
    assert.equal(await marked.first().textContent(), '可自动修正', '“截止目前”一条应标“可自动修正”');
    const revised = await download(page, '#download-revised', 'revised.docx');
    assert.match(revised.dl.suggestedFilename(), /修订\.docx$/);
    const body = (await readZip(revised.file)).get('word/document.xml').toString('utf8');
    assert.match(body, /<w:del [^>]*w:author="reportlint"[^>]*>.*?截止目前.*?<\/w:del>/s, '修订版应删去“截止目前”');
    assert.match(body, /<w:ins [^>]*w:author="reportlint"[^>]*>.*?截至目前.*?<\/w:ins>/s, '修订版应插入“截至目前”');

    assert.deepEqual(problems, [], '页面不应有脚本错误、CSP 违规或外部请求');
  } finally {
    await close();
  }
});

/** 等平滑滚动停下：窗口和各滚动容器的位置连续 5 帧不变（最多等 WAIT_MS）。 */
async function settle(page) {
  await page.waitForFunction(
    () => {
      const pos = [window.scrollX, window.scrollY];
      for (const el of document.querySelectorAll('*')) if (el.scrollTop || el.scrollLeft) pos.push(el.scrollTop, el.scrollLeft);
      const key = pos.join(',');
      const w = window;
      w.__settle = w.__settle && w.__settle.key === key ? { key, n: w.__settle.n + 1 } : { key, n: 0 };
      return w.__settle.n >= 5;
    },
    null,
    { polling: 'raf', timeout: WAIT_MS },
  );
}

/** 立即把窗口滚到某一部分的顶端（截图用），等页面静止。 */
async function scrollToTop(page, selector) {
  await settle(page);
  await page.locator(selector).evaluate((el) => {
    window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - 8, behavior: 'instant' });
  });
  await settle(page);
}

/** 等到元素与视口相交（平滑滚动需要一点时间）。 */
async function waitInViewport(page, selector) {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      const vw = window.innerWidth || document.documentElement.clientWidth;
      const vh = window.innerHeight || document.documentElement.clientHeight;
      if (!(r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw)) return false;
      // 在可滚动的容器里也要可见。
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (/(auto|scroll|hidden)/.test(s.overflowY + s.overflowX)) {
          const pr = p.getBoundingClientRect();
          if (!(r.bottom > pr.top && r.top < pr.bottom && r.right > pr.left && r.left < pr.right)) return false;
        }
      }
      return true;
    },
    selector,
    { timeout: WAIT_MS },
  );
}

test('三份报告：矩阵、点行看单份、返回、下载 xlsx', { timeout: TEST_MS }, async (t) => {
  const files = MANY.map((f) => path.join(docxDir, f));
  const cli = Object.fromEntries(MANY.map((f, i) => [f, cliCheck(files[i], t)]));
  const { page, problems, close } = await openPage();
  try {
    await upload(page, files, t);
    await page.locator('#matrix').waitFor({ state: 'visible' });
    const rows = page.locator('#matrix tbody tr[data-path]');
    assert.equal(await rows.count(), 3, '矩阵应有三行');
    const paths = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.path).sort());
    assert.deepEqual(paths, [...MANY].sort());

    // 每行的 ✓ △ ✗ 个数与命令行的要素状态相同。
    for (const name of MANY) {
      const text = await page.locator(`#matrix tbody tr[data-path="${name}"]`).innerText();
      const count = (ch) => [...text].filter((c) => c === ch).length;
      const els = cli[name].elements;
      const want = (s) => els.filter((e) => e.status === s).length;
      assert.deepEqual(
        { present: count('✓'), weak: count('△'), missing: count('✗') },
        { present: want('present'), weak: want('weak'), missing: want('missing') },
        `${name} 一行的 ✓ △ ✗ 应与命令行一致`,
      );
    }
    await page.locator('#rule-totals').waitFor({ state: 'attached' });
    await page.locator('#duplicates').waitFor({ state: 'attached' });
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ]) {
      await page.setViewportSize({ width, height });
      await scrollToTop(page, '#matrix');
      await shot(page, `matrix-${width}x${height}.png`);
    }
    await page.setViewportSize({ width: 1280, height: 720 });

    // 点一行 → 那份报告的视图；发现条数与命令行相同；返回矩阵。
    const pick = MANY[1];
    await page.locator(`#matrix tbody tr[data-path="${pick}"]`).click();
    await page.locator('#report').waitFor({ state: 'visible' });
    await page.locator('#matrix').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('#findings .finding').count(), cli[pick].findings.length);
    await page.locator('#back').click();
    await page.locator('#matrix').waitFor({ state: 'visible' });
    await page.locator('#report').waitFor({ state: 'hidden' });

    // 在行上按 Enter 也能打开。
    const other = MANY[2];
    await page.locator(`#matrix tbody tr[data-path="${other}"]`).focus();
    await page.keyboard.press('Enter');
    await page.locator('#report').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#findings .finding').count(), cli[other].findings.length);
    await page.locator('#back').click();
    await page.locator('#matrix').waitFor({ state: 'visible' });

    const xlsx = await download(page, '#download-xlsx', 'summary.xlsx');
    assert.match(xlsx.dl.suggestedFilename(), /\.xlsx$/);
    const entries = await readZip(xlsx.file);
    assert.ok(entries.has('xl/workbook.xml'), '汇总表应含 xl/workbook.xml');
    const strings = entries.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
    for (const name of MANY) assert.ok(strings.includes(name), `汇总表应列出 ${name}`);

    assert.deepEqual(problems, [], '页面不应有脚本错误、CSP 违规或外部请求');
  } finally {
    await close();
  }
});

test('坏文件（.pdf、.doc）显示中文错误，其余文件照常出结果；再选一批时替换上一批', { timeout: TEST_MS }, async (t) => {
  const bad = path.join(work, '年度报告扫描件.pdf');
  writeFileSync(bad, '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
  const old = path.join(work, '旧格式报告.doc');
  // OLE2 复合文档的文件头（Word 97-2003 .doc）。
  writeFileSync(old, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]));
  const good = [path.join(docxDir, MANY[0]), path.join(docxDir, MANY[1])];
  const { page, problems, close } = await openPage();
  try {
    const result = await upload(page, [good[0], bad, good[1], old], t);
    assert.equal(result.documents.length, 2, '两份好文件应有结果');
    const errors = page.locator('#errors li[data-path]');
    await errors.first().waitFor({ state: 'visible' });
    assert.equal(await errors.count(), 2, '两份坏文件各有一条错误');
    for (const name of [path.basename(bad), path.basename(old)]) {
      const li = page.locator(`#errors li[data-path="${name}"]`);
      await li.waitFor({ state: 'visible' });
      const msg = await li.innerText();
      assert.match(msg, /[\u4e00-\u9fff]/, `${name} 的错误应为中文：${msg}`);
    }
    // 两份好文件进了矩阵。
    await page.locator('#matrix').waitFor({ state: 'visible' });
    const paths = await page
      .locator('#matrix tbody tr[data-path]')
      .evaluateAll((trs) => trs.map((tr) => tr.dataset.path).sort());
    assert.deepEqual(paths, [MANY[0], MANY[1]].sort());
    await shot(page, 'errors-1280x720.png');

    // 再选一批：一份好文件和一份坏文件。上一批的结果和错误被替换，那份好报告直接打开单份视图。
    const again = await upload(page, [good[1], bad], t);
    assert.equal(again.documents.length, 1);
    await page.locator('#report').waitFor({ state: 'visible' });
    await page.locator('#matrix').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('#errors li[data-path]').count(), 1, '只剩这一批的一条错误');
    await page.locator(`#errors li[data-path="${path.basename(bad)}"]`).waitFor({ state: 'visible' });
    assert.equal(await page.locator('#findings .finding').count(), cliCheck(good[1], t).findings.length);
    assert.deepEqual(problems, [], '页面不应有脚本错误、CSP 违规或外部请求');
  } finally {
    await close();
  }
});

test('键盘：Tab 到一条发现，按 Enter 定位到它的高亮', { timeout: TEST_MS }, async (t) => {
  const file = path.join(docxDir, SINGLE);
  const cli = cliCheck(file, t);
  const { page, problems, close } = await openPage();
  try {
    await upload(page, [file], t);
    await page.locator('#report').waitFor({ state: 'visible' });
    await page.locator('#findings .finding').first().waitFor();
    // 从页面开头按 Tab，直到焦点落在一条带位置的发现上（上限 300 次）。
    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    let index = null;
    for (let i = 0; i < 300 && index === null; i++) {
      await page.keyboard.press('Tab');
      index = await page.evaluate(() => {
        const el = document.activeElement;
        const f = el?.closest?.('#findings .finding');
        if (!f) return null;
        const i = Number(f.dataset.index);
        return document.querySelector(`#text mark.hl[data-index="${i}"]`) ? i : null;
      });
    }
    assert.notEqual(index, null, '按 Tab 应能到达一条带高亮的发现');
    assert.ok(cli.findings[index].span);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (i) => document.querySelector(`#text mark.hl[data-index="${i}"].active`) !== null,
      index,
      { timeout: WAIT_MS },
    );
    await waitInViewport(page, `#text mark.hl[data-index="${index}"]`);
    assert.ok(
      await page.locator(`#findings .finding[data-index="${index}"]`).evaluate((e) => e.classList.contains('active')),
    );
    assert.deepEqual(problems, [], '页面不应有脚本错误、CSP 违规或外部请求');
  } finally {
    await close();
  }
});

test('把文本报告拖进虚线框：同样出结果；下载报告骨架', { timeout: TEST_MS }, async (t) => {
  const file = path.join(repo, 'fixtures', 'reports', 'haian-2023.txt');
  const cli = cliCheck(file, t);
  const { page, problems, close } = await openPage();
  try {
    // 在页面里造一个带文件的 DataTransfer，依次派发 dragover、drop，与用户拖入文件相同。
    const data = await page.evaluateHandle(
      ([name, b64]) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type: 'text/plain' }));
        return dt;
      },
      [path.basename(file), readFileSync(file).toString('base64')],
    );
    const done = page.waitForResponse((r) => r.url().includes('/api/check'), { timeout: WAIT_MS });
    await page.dispatchEvent('#drop', 'dragover', { dataTransfer: data });
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: data });
    assert.equal((await done).status(), 200);
    await page.locator('#progress[data-state="done"]').waitFor({ state: 'attached' });
    await page.locator('#report').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#findings .finding').count(), cli.findings.length, '拖入的文本报告：发现条数与命令行相同');
    assert.ok((await page.locator('#text mark.hl').count()) > 0);
    // 文本报告没有批注版。
    assert.equal(await page.locator('#download-annotated').isVisible(), false, '非 Word 报告不应提供批注版');
    assert.equal(await page.locator('#download-revised').isVisible(), false, '非 Word 报告不应提供修订版');

    // 报告骨架：Word 文档。
    const skeleton = await download(page, '#template-docx', 'skeleton.docx');
    assert.match(skeleton.dl.suggestedFilename(), /\.docx$/);
    const entries = await readZip(skeleton.file);
    assert.ok(entries.has('word/document.xml'), '骨架应是 Word 文档');
    assert.deepEqual(problems, [], '页面不应有脚本错误、CSP 违规或外部请求');
  } finally {
    await close();
  }
});

test('serve 收到 SIGTERM 后以 0 退出', { timeout: TEST_MS }, async (t) => {
  await browser.close();
  browser = null;
  const r = await stopServer(server);
  assert.equal(r.forced, undefined, 'SIGTERM 后 10 秒内应退出');
  assert.equal(r.code, 0, `退出码应为 0，实为 ${JSON.stringify(r)}`);
});
