// Dateline browser test: a person's use of the search page in headless
// Chromium (Debian's chromium, driven through playwright-core).
//
// Copyright (C) 2026 the Dateline developers.
// SPDX-License-Identifier: GPL-2.0-or-later
//
// Usage: node search.mjs BASE_URL ARTIFACT_DIR
// BASE_URL serves dateline.cgi (results_per_page = 2, the sample index).
// Types a query into the search box, submits, follows to page 2, switches
// the sort, follows a "Did you mean", checks what is on the screen, and
// saves screenshots in ARTIFACT_DIR.  Prints TAP.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, artifacts] = process.argv.slice(2);
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
mkdirSync(artifacts, { recursive: true });

let n = 0;
let failed = 0;
function ok(cond, what, detail) {
    n++;
    if (cond) {
        console.log(`ok ${n} - ${what}`);
    } else {
        failed++;
        console.log(`not ok ${n} - ${what}`);
        if (detail !== undefined)
            console.log(`# ${String(detail).replace(/\n/g, '\n# ')}`);
    }
}

async function times(page) {
    return page.$$eval('ol.results time', (ts) =>
        ts.map((t) => Date.parse(t.getAttribute('datetime'))));
}

const browser = await chromium.launch({ executablePath: browserPath,
                                        headless: true });
try {
    const page = await browser.newPage({ viewport: { width: 1000,
                                                     height: 900 } });
    const problems = [];
    // Errors but the favicon nobody serves and the 400 asked for below.
    page.on('console', (m) => {
        const url = m.location().url || '';
        if (m.type() === 'error' && !/favicon\.ico$|page=0$/.test(url))
            problems.push(`${m.text()} (${url})`);
    });
    page.on('pageerror', (e) => problems.push(String(e)));

    await page.goto(base);
    ok(await page.getAttribute('html', 'lang') === 'en', 'the page has lang');
    const box = page.getByLabel('Search the archive');
    ok(await box.isVisible(), 'a labelled search box is visible');

    await box.fill('storm');
    await Promise.all([page.waitForNavigation(), box.press('Enter')]);
    ok(await page.getByRole('heading', { name: 'Results' }).isVisible(),
       'submitting shows a Results heading');
    ok(await box.inputValue() === 'storm', 'the box keeps the query');
    const count = await page.locator('p.count').innerText();
    ok(/About 4 results; showing 1.2\./.test(count),
       'the count says 4 results, showing 1-2', count);
    const heads = await page.locator('ol.results h3').allInnerTexts();
    ok(heads.length === 2, 'two entries on page 1', heads.join(' | '));
    ok(await page.locator('ol.results mark').first().isVisible(),
       'matched words are marked');
    const link = page.locator('ol.results h3 a').first();
    ok(/^https:\/\//.test(await link.getAttribute('href') || ''),
       'headlines link to the entry URL');
    const bg = await page.locator('mark').first().evaluate(
        (e) => getComputedStyle(e).backgroundColor);
    ok(bg === 'rgb(255, 236, 139)', 'the theme style sheet is applied', bg);
    await page.screenshot({ path: `${artifacts}/results-page1.png`,
                            fullPage: true });

    await Promise.all([page.waitForNavigation(),
                       page.getByRole('link', { name: /Next/ }).click()]);
    ok(/showing 3.4\./.test(await page.locator('p.count').innerText()),
       'page 2 shows entries 3-4');
    ok(await page.locator('[aria-current=page]').innerText() === '2',
       'page 2 is marked current');
    await page.screenshot({ path: `${artifacts}/results-page2.png`,
                            fullPage: true });

    await Promise.all([page.waitForNavigation(),
                       page.getByRole('link', { name: 'Newest' }).click()]);
    ok(await page.locator('nav[aria-label=Sort] strong').innerText() ===
       'Newest', 'the sort switch marks Newest');
    ok(await page.locator('#sort').inputValue() === 'newest',
       'the form keeps the sort');
    const t = await times(page);
    ok(t.length === 2 && t[0] >= t[1], 'newest first', t.join(' '));
    await page.screenshot({ path: `${artifacts}/results-newest.png`,
                            fullPage: true });

    await box.fill('hesketj');
    await Promise.all([page.waitForNavigation(), box.press('Enter')]);
    const sugg = page.locator('p.suggest a');
    ok(await sugg.isVisible() && await sugg.innerText() === 'hesketh',
       'a misspelt word gets "Did you mean hesketh"');
    await Promise.all([page.waitForNavigation(), sugg.click()]);
    ok(await box.inputValue() === 'hesketh' &&
       await page.locator('ol.results li').count() > 0,
       'following the suggestion finds entries');

    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${base}?q=storm`);
    const wide = await page.evaluate(
        () => document.documentElement.scrollWidth);
    ok(wide <= 360, 'no sideways scrolling on a phone', wide);
    await page.screenshot({ path: `${artifacts}/results-phone.png`,
                            fullPage: true });

    await page.goto(`${base}?q=storm&page=0`);
    ok(await page.getByRole('alert').isVisible() &&
       /page number/.test(await page.getByRole('alert').innerText()),
       'a bad page number shows an error a person can read');
    ok(problems.length === 0, 'no console errors (CSP kept everything)',
       problems.join('\n'));
} catch (e) {
    ok(false, 'the browser session ran to the end', e.stack || e);
} finally {
    await browser.close();
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
