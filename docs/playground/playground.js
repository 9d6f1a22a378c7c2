// The playground page: loads dplint.wasm (cmd/dplint-wasm), runs it on the
// text as you type (debounced), and shows the findings, the graph and the
// values of the expressions for the chosen run time. The only requests it
// makes are for this directory's own files.
"use strict";

const sample = `{
  "objects": [
    {
      "id": "Default",
      "name": "Default",
      "scheduleType": "cron",
      "schedule": {"ref": "Daily"},
      "failureAndRerunMode": "CASCADE",
      "role": "DataPipelineDefaultRole",
      "resourceRole": "DataPipelineDefaultResourceRole",
      "pipelineLogUri": "s3://my-bucket/logs/"
    },
    {
      "id": "Daily",
      "name": "Daily",
      "type": "Schedule",
      "period": "1 day",
      "startDateTime": "2026-01-01T00:00:00"
    },
    {
      "id": "Worker",
      "name": "Worker",
      "type": "Ec2Resource",
      "instanceType": "t3.micro",
      "terminateAfter": "30 Minutes"
    },
    {
      "id": "Report",
      "name": "Report",
      "type": "ShellCommandActivity",
      "command": "echo report for #{format(minusDays(@scheduledStartTime,1),'YYYY-MM-dd')}",
      "runsOn": {"ref": "Worker"}
    }
  ]
}
`;

const $ = (id) => document.getElementById(id);
const text = $("text"), form = $("form"), at = $("at"), status = $("status");

// Timings the browser test reads: module load (fetch, compile, start) and
// the first run, in milliseconds.
window.dplintTimings = {};

function nowUTC() {
  return new Date().toISOString().slice(0, 16); // YYYY-MM-DDTHH:MM, what datetime-local shows
}

async function loadModule() {
  const started = performance.now();
  const ready = new Promise((resolve) => { window.dplintReady = resolve; });
  const go = new Go();
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(fetch("dplint.wasm"), go.importObject);
  } catch (err) {
    // A server that does not send application/wasm: compile from the bytes.
    const bytes = await (await fetch("dplint.wasm")).arrayBuffer();
    result = await WebAssembly.instantiate(bytes, go.importObject);
  }
  go.run(result.instance);
  await ready;
  window.dplintTimings.load = performance.now() - started;
}

let timer = 0, runs = 0;

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(run, 250);
}

function run() {
  if (!window.dplint) return;
  const req = JSON.stringify({ text: text.value, form: form.value, at: at.value });
  window.dplintLinted = text.value; // what the findings shown are for (the browser test waits on it)
  const started = performance.now();
  const res = JSON.parse(window.dplint.run(req));
  const ms = performance.now() - started;
  if (runs++ === 0) window.dplintTimings.firstLint = ms;
  window.dplintTimings.lastLint = ms;
  show(res);
  status.textContent = `linted as ${res.path || "?"} (${res.form || "unknown form"}) in ${ms.toFixed(1)} ms`;
  document.body.dataset.runs = String(runs);
}

function show(res) {
  const list = $("findings");
  list.replaceChildren();
  if (res.error) {
    list.append(item("pg-fatal", null, res.error));
  }
  for (const f of res.findings) {
    const li = item("pg-" + f.severity, f, f.message);
    li.addEventListener("click", () => select(f));
    list.append(li);
  }
  if (!res.error && res.findings.length === 0) list.append(item("pg-none", null, "no findings"));
  const parts = [];
  if (res.errors) parts.push(res.errors + (res.errors === 1 ? " error" : " errors"));
  if (res.warnings) parts.push(res.warnings + (res.warnings === 1 ? " warning" : " warnings"));
  if (res.infos) parts.push(res.infos + " info");
  $("counts").textContent = parts.length ? "(" + parts.join(", ") + ")" : "";
  showGraph(res);
  showValues(res);
}

function item(cls, f, message) {
  const li = document.createElement("li");
  li.className = cls;
  if (f) {
    li.dataset.rule = f.rule;
    const pos = document.createElement("span");
    pos.className = "pg-pos";
    pos.textContent = `${f.line}:${f.column}`;
    const rule = document.createElement("span");
    rule.className = "pg-rule";
    rule.textContent = `${f.rule} ${f.name}`;
    rule.title = f.severity;
    li.append(pos, rule);
  }
  li.append(document.createTextNode(message));
  return li;
}

// select puts a range (a finding's, an object id's) in the textarea's
// selection and scrolls its line into view.
function select(f) {
  text.focus();
  text.setSelectionRange(f.from, Math.max(f.to, f.from));
  const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 18;
  text.scrollTop = Math.max(0, (f.line - 3) * lineHeight);
}

function showGraph(res) {
  const box = $("graph");
  box.replaceChildren();
  if (res.graphs.length === 0) {
    const p = document.createElement("p");
    p.className = "pg-note";
    p.textContent = res.graphNote || "no graph";
    box.append(p);
    return;
  }
  // Parsed as XML, not HTML: the SVG is dplint's own, every text in it escaped.
  for (const g of res.graphs) {
    const doc = new DOMParser().parseFromString(g.svg, "image/svg+xml");
    if (doc.documentElement.nodeName !== "svg") continue;
    const svg = document.importNode(doc.documentElement, true);
    const where = new Map(g.objects.map((o) => [o.id, o]));
    // A click on an object's node selects its id in the text.
    for (const node of svg.querySelectorAll("g.node")) {
      const title = node.querySelector("title");
      const o = title && where.get(title.textContent);
      if (!o) continue;
      node.classList.add("pg-link");
      node.addEventListener("click", () => select(o));
    }
    box.append(svg);
  }
}

function showValues(res) {
  $("values-at").textContent = res.at || "";
  const body = $("values");
  body.replaceChildren();
  // A template's pipelines each have their objects: name the pipeline
  // when there are several.
  const several = new Set(res.values.map((v) => v.definition)).size > 1;
  for (const v of res.values) {
    const tr = document.createElement("tr");
    const object = several ? `${v.definition.replace(/^.*#/, "")}: ${v.object}` : v.object;
    for (const cell of [object, v.field, v.value]) {
      const td = document.createElement("td");
      td.textContent = cell;
      tr.append(td);
    }
    body.append(tr);
  }
  $("values-note").textContent = res.valuesNote || "";
}

// formFor picks the form selector's value from a dropped file's name.
function formFor(name) {
  const n = name.toLowerCase();
  if (n.endsWith(".tf")) return "terraform";
  if (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".template")) return "cloudformation";
  if (n.endsWith(".json")) return "json";
  return "auto";
}

async function open(file) {
  text.value = await file.text();
  form.value = formFor(file.name);
  run();
}

function wire() {
  text.addEventListener("input", schedule);
  form.addEventListener("change", run);
  at.addEventListener("input", schedule);
  $("file").addEventListener("change", async (e) => {
    if (e.target.files.length) await open(e.target.files[0]);
    e.target.value = ""; // the same file can be opened again, after edits
  });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("pg-over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("pg-over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("pg-over");
    if (e.dataTransfer.files.length) open(e.dataTransfer.files[0]);
  });
}

async function main() {
  text.value = sample;
  at.value = nowUTC();
  wire();
  try {
    await loadModule();
  } catch (err) {
    status.textContent = "dplint could not start: " + err;
    return;
  }
  run();
}

main();
