#!/usr/bin/env node
// check-html.js - proves protokol's HTML minutes in a real browser.
//
// For every HTML file given: loads it in headless Chromium (driven over the Chrome DevTools
// Protocol on --remote-debugging-pipe, no network), runs axe-core's WCAG 2.0/2.1 A and AA
// rules and fails on any violation; checks that <html lang> is set; prints the page to PDF
// (A4, the page's own @page CSS) and checks the PDF has a sane number of pages and that
// nothing was clipped: the text of every heading, paragraph, list item and table cell is in
// the text pdftotext reads back from the PDF.
//
// Usage: node check-html.js [--chromium PATH] [--keep DIR] FILE.html...
// Exit: 0 all pass, 1 a check failed, 77 Chromium or pdftotext missing (a skip for meson).
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const args = process.argv.slice(2);
let chromium = process.env.CHROMIUM || '/usr/bin/chromium';
let keep = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--chromium') chromium = args[++i];
  else if (args[i] === '--keep') keep = args[++i];
  else files.push(args[i]);
}
if (!fs.existsSync(chromium)) {
  console.error(`check-html: no Chromium at ${chromium}`);
  process.exit(77);
}
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch (e) {
  console.error('check-html: pdftotext (poppler-utils) is missing');
  process.exit(77);
}
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'protokol-chromium-'));
const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--remote-debugging-pipe', `--user-data-dir=${profile}`,
  'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let stderr = '';
browser.stderr.on('data', (d) => { stderr += d; });

// CDP over the pipe: JSON messages ended by a NUL byte (we write fd 3, Chromium writes fd 4)
const toBrowser = browser.stdio[3];
const fromBrowser = browser.stdio[4];
let nextId = 1;
const pending = new Map();
const waiters = [];
let buf = Buffer.alloc(0);
fromBrowser.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  let nul;
  while ((nul = buf.indexOf(0)) >= 0) {
    const msg = JSON.parse(buf.subarray(0, nul).toString('utf8'));
    buf = buf.subarray(nul + 1);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error)));
      else resolve(msg.result);
    } else if (msg.method) {
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (waiters[i].method === msg.method && waiters[i].session === msg.sessionId) {
          waiters[i].resolve(msg.params);
          waiters.splice(i, 1);
        }
      }
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  const msg = { id, method, params };
  if (sessionId) msg.sessionId = sessionId;
  toBrowser.write(JSON.stringify(msg) + '\0');
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    setTimeout(() => {
      if (pending.has(id)) {
        pending.delete(id);
        reject(new Error(`${method}: no answer from Chromium in 60 s`));
      }
    }, 60000);
  });
}
function once(method, session) {
  return new Promise((resolve) => waiters.push({ method, session, resolve }));
}

const squash = (s) => s.replace(/\s+/g, '');

async function check(file) {
  const problems = [];
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Page.enable', {}, sessionId);
  const loaded = once('Page.loadEventFired', sessionId);
  await send('Page.navigate', { url: 'file://' + path.resolve(file) }, sessionId);
  await loaded;
  const evaluate = async (expression) => {
    const r = await send('Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
    return r.result.value;
  };
  await evaluate(axeSource + ';true');
  const violations = await evaluate(`axe.run(document, {runOnly: {type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
    .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))`);
  for (const v of violations) {
    problems.push(`axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(', ')}`);
  }
  const info = await evaluate(`({lang: document.documentElement.lang,
    headings: document.querySelectorAll('h1').length,
    texts: Array.from(document.querySelectorAll('h1,h2,h3,p,li,th,td'))
      .map(e => e.textContent).filter(t => t.trim())})`);
  if (!/^(da|en)$/.test(info.lang)) problems.push(`<html lang="${info.lang}"> is not da or en`);
  // lang matches the text: the protocol's own words (not the names and motions it quotes)
  // are mostly of the declared language, judged by words only one of the two languages has
  const words = info.texts.join(' ').toLowerCase().split(/[^a-zæøå]+/);
  const da = ['og', 'blev', 'ikke', 'stemte', 'punkt', 'beslutning', 'mødet', 'kl', 'den', 'af'];
  const en = ['and', 'was', 'not', 'voted', 'item', 'decision', 'meeting', 'at', 'the', 'of'];
  const count = (list) => words.filter((w) => list.includes(w)).length;
  const nDa = count(da); const nEn = count(en);
  if ((info.lang === 'da' && nDa <= nEn) || (info.lang === 'en' && nEn <= nDa)) {
    problems.push(`<html lang="${info.lang}"> but the text reads as ` +
      `${nDa > nEn ? 'Danish' : 'English'} (${nDa} Danish, ${nEn} English marker words)`);
  }
  if (info.headings !== 1) problems.push(`${info.headings} h1 headings (want 1)`);
  const pdf = await send('Page.printToPDF', { preferCSSPageSize: true, printBackground: true },
    sessionId);
  const pdfPath = path.join(profile, path.basename(file) + '.pdf');
  fs.writeFileSync(pdfPath, Buffer.from(pdf.data, 'base64'));
  if (keep) fs.copyFileSync(pdfPath, path.join(keep, path.basename(file) + '.pdf'));
  const pdfinfo = execFileSync('pdfinfo', [pdfPath]).toString();
  const pages = Number((/^Pages:\s+(\d+)/m.exec(pdfinfo) || [])[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(pdfinfo);
  if (!(pages >= 1 && pages <= 40)) problems.push(`the printed PDF has ${pages} pages`);
  if (!size || Math.abs(size[1] - 595.3) > 2 || Math.abs(size[2] - 841.9) > 2) {
    problems.push(`the printed page is not A4: ${size ? size[0] : 'no size'}`);
  }
  const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']).toString('utf8'));
  const missing = info.texts.filter((t) => !text.includes(squash(t)));
  for (const t of missing.slice(0, 5)) problems.push(`clipped or missing in the PDF: "${t.trim()}"`);
  if (missing.length > 5) problems.push(`... and ${missing.length - 5} more texts missing`);
  // the page numbers of the print CSS
  const pageWord = info.lang === 'da' ? `Side1af${pages}` : `Page1of${pages}`;
  if (!text.includes(pageWord)) problems.push(`no page number "${pageWord}" in the PDF`);
  await send('Target.closeTarget', { targetId });
  return { pages, texts: info.texts.length, problems };
}

(async () => {
  let failed = 0;
  try {
    for (const f of files) {
      const r = await check(f);
      if (r.problems.length) {
        failed++;
        console.log(`FAIL ${path.basename(f)}:`);
        for (const p of r.problems) console.log(`  ${p}`);
      } else {
        console.log(`ok ${path.basename(f)}: no WCAG 2.1 AA violation; ${r.pages} A4 page(s), ` +
          `all ${r.texts} texts in the PDF`);
      }
    }
  } catch (e) {
    console.error(`check-html: ${e.message}\n${stderr}`);
    failed = -1;
  }
  const exited = new Promise((resolve) => {
    if (browser.exitCode !== null) resolve();
    browser.on('exit', resolve);
    setTimeout(resolve, 10000);
  });
  try { await send('Browser.close'); } catch (e) { /* it is going anyway */ }
  await exited;
  browser.kill();
  try {
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  } catch (e) { /* a profile left in the temporary directory */ }
  process.exit(failed ? 1 : 0);
})();
