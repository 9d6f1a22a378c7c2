// The playground in a real browser: Debian's chromium driven by
// playwright-core, kept off the network. internal/playground's TestBrowser
// builds the site, serves it, and runs this script with a JSON file that
// says where the page is and what the native build (the same Go code) found
// in the fixture; this script checks the browser shows the same.
//
//   node playground.test.mjs CONFIG.json
//
// CONFIG: {url, userDataDir, screenshot, text, finding: {rule, position,
// from, to}, objects: [{id, from, to}], fix (typed over the finding's
// range), fixed (the text then), files: [{name, text, form, rule,
// position}] (one opened, one dropped), at, value: {object, field, value}}. It prints
// one JSON line: the timings (the module's load and start, the first run
// on the page's sample, the run on the pasted text) and every request the
// page made.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

// selection is the textarea's selection, in UTF-16 units.
const selection = (page) => page.evaluate(() => {
  const t = document.getElementById("text");
  return [t.selectionStart, t.selectionEnd];
});

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const origin = new URL(config.url).origin;

// A hard stop: whatever hangs, the script ends (the Go test has its own).
const watchdog = setTimeout(() => { console.error("playground test: gave up after 120 s"); process.exit(3); }, 120_000);

// The flags that keep Chromium off the network; the persistent context
// gives it the new, empty --user-data-dir.
const context = await chromium.launchPersistentContext(config.userDataDir, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
  viewport: { width: 1400, height: 1000 },
  timeout: 30_000,
});

const requests = [];
const failures = [];
let code = 0;
try {
  // Every request is recorded; one to anywhere but the local server is
  // refused and fails the test.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    if (new URL(url).origin !== origin) return route.abort();
    return route.continue();
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });

  await page.goto(config.url);
  // The sample is linted once the module is up.
  await page.waitForFunction(() => Number(document.body.dataset.runs) >= 1);
  const timings = await page.evaluate(() => window.dplintTimings);

  // Paste the broken definition: the finding appears, at its position.
  await page.fill("#text", config.text);
  const want = config.finding;
  const item = page.locator(`#findings li[data-rule="${want.rule}"]`).filter({ hasText: want.position });
  await item.first().waitFor();
  const pasted = await page.evaluate(() => window.dplintTimings.lastLint);
  // Clicking it selects its range in the text.
  await item.first().click();
  const sel = await selection(page);
  if (sel[0] !== want.from || sel[1] !== want.to) failures.push(`clicking ${want.rule} selected [${sel}], want [${want.from},${want.to}]`);

  // The graph: an SVG with a node titled by each object's id; clicking
  // one selects its id in the text.
  await page.waitForFunction((ids) => {
    const titles = new Set([...document.querySelectorAll("#graph svg g.node > title")].map((t) => t.textContent));
    return ids.every((id) => titles.has(id));
  }, config.objects.map((o) => o.id));
  for (const o of config.objects) {
    await page.locator("#graph svg g.node").filter({ has: page.locator(`title:text-is("${o.id}")`) }).click();
    const s = await selection(page);
    if (s[0] !== o.from || s[1] !== o.to) failures.push(`clicking node ${o.id} selected [${s}], want [${o.from},${o.to}]`);
  }

  // Files: one opened with the file input and one dropped on the text,
  // each read as the form its name says and linted.
  for (const [how, file] of [["open", config.files[0]], ["drop", config.files[1]]]) {
    if (how === "open") {
      await page.setInputFiles("#file", { name: file.name, mimeType: "text/plain", buffer: Buffer.from(file.text) });
    } else {
      await page.evaluate((f) => {
        const dt = new DataTransfer();
        dt.items.add(new File([f.text], f.name, { type: "text/plain" }));
        document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, file);
    }
    await page.locator(`#findings li[data-rule="${file.rule}"]`).filter({ hasText: file.position }).first().waitFor();
    const form = await page.inputValue("#form");
    if (form !== file.form) failures.push(`${how} ${file.name}: the form is ${form}, want ${file.form}`);
  }
  // Back to the broken JSON, auto-detected.
  await page.selectOption("#form", "auto");
  await page.fill("#text", config.text);
  await item.first().waitFor();

  // A new run time: the expression's value follows.
  await page.fill("#at", config.at);
  await page.waitForFunction((v) => [...document.querySelectorAll("#values tr")].some((tr) => {
    const cells = [...tr.children].map((td) => td.textContent);
    return cells[0] === v.object && cells[1] === v.field && cells[2] === v.value;
  }), config.value);

  await page.screenshot({ path: config.screenshot, fullPage: true });

  // Typing: a click on the finding selects its range again; typing the
  // fix over it lints again (debounced) and, once the page has linted the
  // whole fixed text, the finding is gone.
  await item.first().click();
  await page.keyboard.type(config.fix);
  const typed = await page.inputValue("#text");
  if (typed !== config.fixed) failures.push("after typing, the text is not the fixed fixture");
  await page.waitForFunction((fixed) => window.dplintLinted === fixed, config.fixed);
  if (await page.locator(`#findings li[data-rule="${want.rule}"]`).count() !== 0) failures.push(`${want.rule} is still shown once its fix is typed`);

  if (errors.length) failures.push("errors in the page: " + errors.join("; "));
  const outside = requests.filter((u) => new URL(u).origin !== origin);
  if (outside.length) failures.push("requests outside the local server: " + outside.join(" "));
  console.log(JSON.stringify({ loadMs: timings.load, firstLintMs: timings.firstLint, pastedLintMs: pasted, requests }));
} catch (err) {
  failures.push(String(err && err.stack || err));
} finally {
  await context.close();
  clearTimeout(watchdog);
}
if (failures.length) {
  console.error(failures.join("\n"));
  code = 1;
}
process.exit(code);
