// The feedback journey in a real browser (headless Debian Chromium driven by playwright-core),
// against one running link handler and the emulator:
//   node feedback_links.mjs EMULATOR_URL HANDLER_URL LABEL SCREENSHOT_DIR
// A scanner-style GET of both links of the email records nothing; the user opens the email,
// clicks "No, this wasn't me", sees the confirmation page, sends it and lands on the result page;
// the emulator recorded exactly that one answer; a reload, a replayed and a forged POST record
// nothing more. Each page's screenshot is written to SCREENSHOT_DIR and checked to be non-blank.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [emulatorUrl, handlerUrl, label, screenshotDir] = process.argv.slice(2);
const POOL = 'us-east-1_PlusPool1';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const started = performance.now();

/** POSTs JSON to the emulator; its JSON answer. */
async function emulator(path, body, headers = {}) {
  const response = await fetch(emulatorUrl + path, {
    method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers },
  });
  assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
  return response.json();
}

/** alice's evt-alice-1 as Cognito's AdminListUserAuthEvents reports it. */
async function aliceEvent() {
  const answer = await emulator('/', { UserPoolId: POOL, Username: 'alice' }, {
    'Content-Type': 'application/x-amz-json-1.1',
    'X-Amz-Target': 'AWSCognitoIdentityProviderService.AdminListUserAuthEvents',
  });
  return answer.AuthEvents.find((event) => event.EventId === 'evt-alice-1');
}

/** How many UpdateAuthEventFeedback calls the emulator received since its reset. */
async function feedbackCalls() {
  const response = await fetch(`${emulatorUrl}/__emulator/requests`);
  assert.equal(response.status, 200);
  const requests = await response.json();
  return requests.filter((r) => r.headers.some(([name, value]) => name.toLowerCase() === 'x-amz-target'
    && value.endsWith('.UpdateAuthEventFeedback'))).length;
}

/** The page's h1. */
function heading(html) {
  return (/<h1>(.*?)<\/h1>/s.exec(html) || [])[1];
}

/** Decodes a PNG in the browser and counts its distinct colours and non-white pixels. */
async function pixels(page, png) {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    const colours = new Set();
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) inked += 1;
    }
    return { width: image.width, height: image.height, colours: colours.size, inked: inked / (data.length / 4) };
  }, png.toString('base64'));
}

const steps = [];
function step(text) {
  steps.push(text);
  console.log(`browser[${label}]: ${text}`);
}

mkdirSync(screenshotDir, { recursive: true });
const reset = await fetch(`${emulatorUrl}/__emulator/reset`, { method: 'POST', body: '' });
assert.equal(reset.status, 200);

// The email Cognito sends, rendered by the emulator with the application's links.
const email = await emulator('/__emulator/notify', {
  UserPoolId: POOL, Username: 'alice', EventId: 'evt-alice-1', AppBaseUrl: handlerUrl,
});
const links = [...email.HtmlBody.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)]
  .map(([, href, text]) => ({ href: href.replaceAll('&amp;', '&'), text }));
const yes = links.find((link) => /this was me/i.test(link.text));
const no = links.find((link) => /wasn't me/i.test(link.text));
assert.ok(yes && no, `the email's links: ${JSON.stringify(links.map((l) => l.text))}`);

// A mail scanner fetches both links: a page each, nothing recorded.
for (const link of [yes, no]) {
  const response = await fetch(link.href, { redirect: 'manual' });
  assert.equal(response.status, 200);
  assert.equal(heading(await response.text()), 'Was this sign-in you?');
}
assert.equal(await feedbackCalls(), 0, 'a GET of the links called UpdateAuthEventFeedback');
assert.equal((await aliceEvent()).EventFeedback, undefined);
step('a scanner-style GET of both links recorded nothing');

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 900, height: 700 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  const posts = [];
  page.on('request', (request) => { if (request.method() === 'POST') posts.push(request); });

  // The user reads the email and clicks "No, this wasn't me".
  await page.setContent(email.HtmlBody);
  const shots = { email: await page.screenshot({ path: `${screenshotDir}/${label}-1-email.png`, fullPage: true }) };
  await Promise.all([page.waitForURL(`${handlerUrl}/feedback?**`), page.getByRole('link', { name: no.text }).click()]);

  // The confirmation page: the link's answer preselected, the other offered, styled under the CSP.
  assert.equal(await page.locator('h1').textContent(), 'Was this sign-in you?');
  assert.equal(await page.getByLabel("No, this wasn't me").isChecked(), true);
  assert.equal(await page.getByLabel('Yes, this was me').isChecked(), false);
  const button = page.getByRole('button', { name: 'Send my answer' });
  assert.equal(await button.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(11, 87, 208)');
  shots.confirm = await page.screenshot({ path: `${screenshotDir}/${label}-2-confirm.png`, fullPage: true });
  assert.equal(await feedbackCalls(), 0, 'opening the link in the browser called UpdateAuthEventFeedback');
  step('the link opened the confirmation page, "No, this wasn\'t me" preselected; nothing recorded');

  // Sending it records the answer, then lands on the result page, whose URL holds no token.
  await Promise.all([page.waitForURL(/outcome=/), button.click()]);
  assert.equal(new URL(page.url()).search, '?outcome=recorded-invalid');
  assert.equal(new URL(page.url()).pathname, '/feedback');
  assert.equal(await page.locator('h1').textContent(), "Thanks \u2014 we've secured your account");
  shots.result = await page.screenshot({ path: `${screenshotDir}/${label}-3-result.png`, fullPage: true });
  const feedback = (await aliceEvent()).EventFeedback;
  assert.equal(feedback?.FeedbackValue, 'Invalid');
  assert.equal(await feedbackCalls(), 1);
  step(`the form's POST recorded ${feedback.FeedbackValue}; the result page is ${page.url().slice(handlerUrl.length)}`);

  // A reload of the result page records nothing twice.
  await page.reload();
  assert.equal(await page.locator('h1').textContent(), "Thanks \u2014 we've secured your account");
  assert.equal(await feedbackCalls(), 1);

  // The browser's own POST sent again (a replay), and a forged one, are refused.
  assert.equal(posts.length, 1);
  const form = posts[0].postData();
  assert.match(form, /proof=/);
  const replay = await fetch(`${handlerUrl}/feedback`, {
    method: 'POST', body: form, redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(replay.status, 403);
  assert.equal(heading(await replay.text()), 'This page has expired');
  const fresh = await (await fetch(yes.href)).text();
  const fields = Object.fromEntries([...fresh.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)]
    .map(([, name, value]) => [name, value.replaceAll('&#x27;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&')]));
  const [issued, nonce, mac] = fields.proof.split('.');
  for (const proof of [`${issued}.${nonce}.${mac.slice(0, -4)}AAAA`, `${Number(issued) + 1}.${nonce}.${mac}`]) {
    const forged = await fetch(`${handlerUrl}/feedback`, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, verdict: 'valid', proof }).toString(),
    });
    assert.equal(forged.status, 403, `forged ${proof}`);
  }
  assert.equal(await feedbackCalls(), 1);
  assert.equal((await aliceEvent()).EventFeedback.FeedbackValue, 'Invalid');
  step('a reload, a replayed POST and forged POSTs recorded nothing more');

  assert.deepEqual(problems, [], 'the browser console reported errors (a CSP violation?)');

  // Every screenshot shows a page: many colours (text is anti-aliased), some ink.
  const blank = await context.newPage();
  for (const [name, png] of Object.entries(shots)) {
    const seen = await pixels(blank, png);
    assert.ok(seen.colours >= 16 && seen.inked > 0.003, `${name} screenshot looks blank: ${JSON.stringify(seen)}`);
    step(`${name} screenshot ${seen.width}x${seen.height}: ${seen.colours} colours, ${(seen.inked * 100).toFixed(1)}% ink`);
  }
} finally {
  await browser.close();
}
step(`passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
