/** The qualification model the scoring and backtest benches run: fit on fields, engagement with caps, windows and decay. */
export const BENCH_MODEL = `id: bench-model
profile:
  rules:
    - { name: target industry, when: { field: industry, in: [software, fintech] }, points: 20 }
    - { name: decision maker, when: { field: title, matches: "^(vp|chief|head|director)", ignoreCase: true }, points: 20 }
    - { name: big company, when: { field: employees, gte: 1000 }, points: 10 }
    - { name: high quality, when: { field: lead_quality, eq: High }, points: 15 }
    - { name: no email, when: { field: doNotEmail, eq: true }, points: -30 }
  grades: { A: 50, B: 30, C: 15 }
engagement:
  rules:
    - { name: email clicks, when: { activity: email_click, within: 30 }, points: 5, max: 25, halfLifeDays: 30 }
    - { name: pricing views, when: { activity: page_view, within: 14, where: { field: url, eq: /pricing } }, points: 10, max: 30 }
    - { name: forms, when: { activity: form_fill }, points: 15, max: 30 }
    - { name: met sales, when: { activity: meeting, count: { gte: 1 } }, points: 20 }
thresholds:
  mql: { fit: 15, total: 45 }
`;
