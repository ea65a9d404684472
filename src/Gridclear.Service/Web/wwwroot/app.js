// The market page: public prices on the map and in tables, and a participant's own statement with its key.
'use strict';

const $ = (id) => document.getElementById(id);

// CSV as the service writes it (RFC 4180: quoted fields may hold commas, quotes and line breaks).
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const header = rows.shift() || [];
  return rows.filter(r => r.length === header.length)
    .map(r => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

async function get(path, key) {
  const headers = key ? { Authorization: 'Bearer ' + key } : {};
  const response = await fetch(path, { headers });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not a problem document */ }
    throw new Error(response.status + ': ' + detail);
  }
  return response;
}

const csv = async (path, key) => parseCsv(await (await get(path, key)).text());

// Blue (cheapest) to red (dearest): the hue falls as the price rises.
function hue(lmp, min, max) {
  const t = max > min ? (lmp - min) / (max - min) : 0.5;
  return 240 - 240 * t;
}

const number = (x, digits = 2) => Number(x).toFixed(digits);

// Money and prices to the cent, flows to the tenth; names and ids as written.
const formats = { flow: 1, limit: 1, shadow_price: 2, load_price: 2, generation_price: 2, price: 2, amount: 2 };

function cell(column, value) {
  const digits = formats[column];
  return digits !== undefined && value !== '' && !isNaN(Number(value)) ? number(value, digits) : (value ?? '');
}

function fillTable(id, rows, columns) {
  const table = $(id);
  table.tHead.innerHTML = '<tr>' + columns.map(c => `<th>${c}</th>`).join('') + '</tr>';
  table.tBodies[0].innerHTML = rows.map(r => '<tr>' + columns.map(c => `<td>${escapeHtml(cell(c, r[c]))}</td>`).join('') + '</tr>').join('');
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"]/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[ch]));
}

// Branch constraints are named FROM-TO, or FROM-TO:CIRCUIT for parallel branches.
function bindingBranches(constraints) {
  const names = new Set();
  for (const c of constraints) {
    const m = /^(\d+)-(\d+)(?::(\d+))?$/.exec(c.constraint || '');
    if (c.kind === 'branch' && m) {
      const [a, b] = [Number(m[1]), Number(m[2])].sort((x, y) => x - y);
      names.add(`${a}-${b}:${m[3] || '*'}`);
    }
  }
  return names;
}

function drawMap(map, prices, constraints) {
  const svg = $('map');
  const ns = 'http://www.w3.org/2000/svg';
  svg.innerHTML = '';
  const pad = 30, width = 1000 - 2 * pad, height = 760 - 2 * pad;
  const spanY = Math.max(...map.buses.map(b => b.y), 1e-9);
  const scale = Math.min(width, height / spanY);
  const at = {};
  for (const b of map.buses) at[b.bus] = [pad + b.x * scale, pad + b.y * scale];
  const binding = bindingBranches(constraints);
  for (const br of map.branches) {
    if (!at[br.from_bus] || !at[br.to_bus]) continue;
    const line = document.createElementNS(ns, 'line');
    const [a, b] = [br.from_bus, br.to_bus].sort((x, y) => x - y);
    const isBinding = binding.has(`${a}-${b}:*`) || binding.has(`${a}-${b}:${br.circuit}`);
    line.setAttribute('x1', at[br.from_bus][0]); line.setAttribute('y1', at[br.from_bus][1]);
    line.setAttribute('x2', at[br.to_bus][0]); line.setAttribute('y2', at[br.to_bus][1]);
    line.setAttribute('data-branch', `${br.from_bus}-${br.to_bus}`);
    if (isBinding) line.setAttribute('class', 'binding');
    if (!br.in_service) line.setAttribute('stroke-dasharray', '4 4');
    svg.appendChild(line);
  }
  const lmps = prices.map(p => Number(p.lmp));
  const [min, max] = [Math.min(...lmps), Math.max(...lmps)];
  const radius = Math.max(3, Math.min(9, 420 / Math.sqrt(map.buses.length + 1)));
  for (const p of prices) {
    const xy = at[p.bus];
    if (!xy) continue;
    const dot = document.createElementNS(ns, 'circle');
    const h = hue(Number(p.lmp), min, max);
    dot.setAttribute('cx', xy[0]); dot.setAttribute('cy', xy[1]); dot.setAttribute('r', radius);
    dot.setAttribute('fill', `hsl(${h.toFixed(3)}, 80%, 48%)`);
    dot.setAttribute('class', 'bus');
    dot.dataset.bus = p.bus; dot.dataset.lmp = p.lmp; dot.dataset.hue = h.toFixed(4);
    dot.addEventListener('mouseenter', (e) => showTip(e, p));
    dot.addEventListener('mouseleave', () => { $('tooltip').hidden = true; });
    svg.appendChild(dot);
  }
  $('legend').innerHTML =
    `<span>${number(min)}</span><div class="bar" style="background: linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(t => `hsl(${240 - 240 * t}, 80%, 48%)`).join(', ')})"></div>` +
    `<span>${number(max)} $/MWh</span><span class="binding-key"></span><span>binding constraint</span>`;
}

function showTip(event, p) {
  const tip = $('tooltip');
  tip.innerHTML = `<b>Bus ${escapeHtml(p.bus)}</b>: LMP ${number(p.lmp)} $/MWh<br>` +
    `energy ${number(p.energy)} + congestion ${number(p.congestion)} + loss ${number(p.loss)}`;
  const box = $('map-panel').getBoundingClientRect();
  tip.style.left = (event.clientX - box.left + 12) + 'px';
  tip.style.top = (event.clientY - box.top + 12) + 'px';
  tip.hidden = false;
}

async function showDay(day) {
  $('status').textContent = '';
  try {
    const map = await (await get(`/api/days/${day}/map`)).json();
    let prices = [], constraints = [];
    try {
      prices = await csv(`/api/days/${day}/prices`);
      constraints = (await csv(`/api/days/${day}/constraints`)).filter(c => c.kind !== 'balance');
    } catch (e) {
      $('status').textContent = 'not cleared yet';
    }
    drawMap(map, prices, constraints);
    fillTable('constraints', constraints, ['constraint', 'kind', 'contingency', 'flow', 'limit', 'shadow_price']);
    fillTable('zonal', await csv(`/api/days/${day}/zonal`).catch(() => []), ['zone', 'load_price', 'generation_price']);
    fillTable('hubs', await csv(`/api/days/${day}/hubs`).catch(() => []), ['hub', 'price']);
  } catch (e) {
    $('status').textContent = e.message;
  }
}

async function showStatement(event) {
  event.preventDefault();
  const key = $('key').value.trim();
  const owner = $('statement-owner');
  owner.className = '';
  try {
    const me = await (await get('/api/me', key)).json();
    const rows = await csv(`/api/days/${$('day').value}/statement`, key);
    owner.textContent = `Statement of ${me.name}: ${rows.length} line(s), net ${number(rows.reduce((s, r) => s + Number(r.amount), 0))} $`;
    fillTable('statement', rows, rows.length ? Object.keys(rows[0]) : ['participant', 'charge', 'amount']);
  } catch (e) {
    owner.textContent = e.message;
    owner.className = 'error';
    fillTable('statement', [], []);
  }
}

async function start() {
  $('key-form').addEventListener('submit', showStatement);
  const days = await (await get('/api/days')).json();
  const select = $('day');
  select.innerHTML = days.filter(d => d.has_network).map(d => `<option>${escapeHtml(d.day)}</option>`).join('');
  const wanted = new URLSearchParams(location.search).get('day');
  const cleared = days.filter(d => d.cleared_at);
  select.value = wanted || (cleared.length ? cleared[cleared.length - 1].day : select.value);
  select.addEventListener('change', () => showDay(select.value));
  if (select.value) await showDay(select.value);
  document.body.dataset.ready = 'true';
}

start();
