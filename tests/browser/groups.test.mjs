// 网页的汇总矩阵按规则包分组：一份法治政府建设报告和一份政府信息公开报告一起检查时，各有一张表、
// 各用自己规则包的要素作列。第二个规则包是测试中写的小规则包（编号 zfxxgk，顶替内置的同名规则包，一个要素），用 serve --pack 给出。
//
// 与 page.test.mjs 相同：二进制取自 REPORTLINT_BIN，浏览器取自 CHROMIUM_PATH。

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const bin = path.resolve(here, process.env.REPORTLINT_BIN || '../../target/debug/reportlint');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WAIT_MS = 60_000;

const XXTEST = `id: zfxxgk
title: 政府信息公开工作年度报告（测试）
version: "1"
applies-to: '政府信息公开'
rules:
  - id: shortcomings
    title: 存在的主要问题及改进情况
    short: 问题改进
    severity: error
    message: 缺少“存在的主要问题及改进情况”
    check:
      element:
        headings: { pattern: '不足|问题' }
    examples:
      pass: ["一、存在的主要问题及改进情况\\n政策解读形式单一。\\n"]
      fail: ["一、总体情况\\n做了工作。\\n"]
`;

const work = mkdtempSync(path.join(tmpdir(), 'reportlint-groups-'));
let server;
let browser;

before(async () => {
  const pack = path.join(work, 'zfxxgk.yaml');
  writeFileSync(pack, XXTEST);
  const proc = spawn(bin, ['serve', '--no-open', '--port', '0', '--pack', pack], {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((res) => proc.on('exit', res));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve 没有打印网址：${out}${err}`)), WAIT_MS);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d) => {
      err += d;
    });
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/[^\s]+\?token=[A-Za-z0-9_-]+/);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    proc.on('exit', () => reject(new Error(`serve 退出了：${out}${err}`)));
  });
  server = { proc, url, exited };
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    timeout: WAIT_MS,
  });
});

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    if (server) {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
    rmSync(work, { recursive: true, force: true });
  }
});

test('两种报告：矩阵按规则包分为两张表，各有自己的列；点行看单份、返回', { timeout: 240_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`页面异常：${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`控制台错误：${m.text()}`);
  });
  try {
    await page.goto(server.url);
    const files = [
      path.join(repo, 'fixtures', 'reports', 'haian-2023.txt'),
      path.join(repo, 'fixtures', 'xxgk', 'department-2023.txt'),
      // 同一种报告的 Word 版：另有版式规则包 gbt9704，仍与文本版同组（伴随规则包不分组）。
      path.join(repo, 'fixtures', 'docx', 'wuqing-2020.docx'),
    ];
    const done = page.waitForResponse((r) => r.url().includes('/api/check') && r.request().method() === 'POST');
    await page.locator('#files').setInputFiles(files);
    const result = await (await done).json();
    assert.deepEqual(
      result.documents.map((d) => [...d.packs].sort()),
      [['fzzfjs', 'gbt15834'], ['gbt15834', 'zfxxgk'], ['fzzfjs', 'gbt15834', 'gbt9704']],
    );
    await page.locator('#matrix').waitFor({ state: 'visible' });

    const headings = await page.locator('#matrix .group-title').allInnerTexts();
    assert.deepEqual(headings, [
      '法治政府建设年度报告（规则包 fzzfjs）：2 份报告',
      '政府信息公开工作年度报告（规则包 zfxxgk）：1 份报告',
    ]);
    const tables = page.locator('#matrix-groups table');
    assert.equal(await tables.count(), 2);
    const columns = async (i) => tables.nth(i).locator('thead th').allInnerTexts();
    assert.deepEqual(await columns(1), ['报告', '问题改进', '错误', '警告', '提示']);
    assert.ok((await columns(0)).includes('举措成效'), '法治政府建设报告一表用 fzzfjs 的要素作列');
    assert.ok(!(await columns(0)).includes('问题改进'));
    const row = page.locator('#matrix tbody tr[data-path="department-2023.txt"]');
    assert.equal(await row.locator('td.cell').count(), 1);

    // 打开那份政府信息公开报告：清单只有它的规则包的要素；返回后焦点回到这一行。
    await row.click();
    await page.locator('#report').waitFor({ state: 'visible' });
    const items = await page.locator('#checklist [data-element] .name').allInnerTexts();
    assert.deepEqual(items, ['存在的主要问题及改进情况']);
    await page.locator('#back').click();
    await page.locator('#matrix').waitFor({ state: 'visible' });
    const focused = await page.evaluate(() => document.activeElement?.dataset?.path);
    assert.equal(focused, 'department-2023.txt');
    assert.deepEqual(problems, [], '页面不应有脚本错误');
  } finally {
    await context.close();
  }
});
