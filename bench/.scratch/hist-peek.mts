import { generateHistory } from '../../core/synth/history';
const t = performance.now();
const h = generateHistory({ seed: 1, days: Number(process.argv[2] ?? 730) });
console.log('ms', performance.now() - t);
for (const [k, v] of Object.entries(h)) console.log(k, v.length, JSON.stringify(v[0]), JSON.stringify(v[v.length - 1]));
const dests = new Set(h.demand.map((d) => d.destination)), prods = new Set(h.demand.map((d) => d.product));
console.log('dests', dests.size, 'prods', prods.size, 'zero demand share', h.demand.filter((d) => d.tonnes === 0).length / h.demand.length);
