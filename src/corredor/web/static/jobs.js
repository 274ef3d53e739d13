/* corredor web page: background jobs - the port simulation (waiting-time curve)
 * and the regional impact analysis, each with its chart. Uses the helpers
 * app.js shares on window.corredor and the catalogues of i18n.js.
 */
"use strict";
(function () {
  const i18n = window.i18n;
  const t = i18n.t;
  const api = (...args) => window.corredor.api(...args);
  const errorText = (err) => window.corredor.errorText(err);
  const setStatus = (...args) => window.corredor.setStatus(...args);
  const state = () => window.corredor.state;

  // -- simulation ------------------------------------------------------------------

  function svg(tag, attrs, text) {
    const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, String(v)));
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function renderCurve() {
    const fig = document.getElementById("sim-figure");
    const holder = document.getElementById("sim-chart");
    holder.replaceChildren();
    if (!state().curve) {
      fig.hidden = true;
      return;
    }
    const c = state().curve.columns;
    const xs = c.teu_per_year;
    const mean = c.mean_wait_h;
    const lo = c.mean_wait_h_ci_low.map((v, i) => (v === null ? mean[i] : v));
    const hi = c.mean_wait_h_ci_high.map((v, i) => (v === null ? mean[i] : v));
    const W = 360;
    const H = 220;
    const m = { l: 48, r: 20, t: 12, b: 40 };
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    const y1 = Math.max(1, ...hi.filter((v) => v !== null));
    const X = (v) => m.l + ((v - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
    const Y = (v) => H - m.b - (v / y1) * (H - m.t - m.b);
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "sim-caption" });
    const band = xs.map((x, i) => `${X(x)},${Y(hi[i])}`).concat(xs.map((x, i) => `${X(x)},${Y(lo[i])}`).reverse());
    root.appendChild(svg("polygon", { class: "band", points: band.join(" ") }));
    root.appendChild(svg("polyline", { class: "line", points: xs.map((x, i) => `${X(x)},${Y(mean[i] || 0)}`).join(" ") }));
    xs.forEach((x, i) => {
      root.appendChild(svg("circle", {
        cx: X(x), cy: Y(mean[i] || 0), r: 3.5,
        fill: c.saturated[i] ? "#fff" : "#0b5d8f", stroke: "#0b5d8f",
      }));
    });
    root.appendChild(svg("line", { class: "axis", x1: m.l, y1: H - m.b, x2: W - m.r, y2: H - m.b }));
    root.appendChild(svg("line", { class: "axis", x1: m.l, y1: m.t, x2: m.l, y2: H - m.b }));
    for (let k = 0; k <= 3; k += 1) {
      const xv = x0 + ((x1 - x0) * k) / 3;
      root.appendChild(svg("text", { x: X(xv), y: H - m.b + 14, "text-anchor": "middle" }, i18n.number(xv / 1e6, 2)));
      const yv = (y1 * k) / 3;
      root.appendChild(svg("text", { x: m.l - 4, y: Y(yv) + 4, "text-anchor": "end" }, i18n.number(yv, 1)));
    }
    root.appendChild(svg("text", { x: (W + m.l) / 2, y: H - 6, "text-anchor": "middle" }, t("sim.xAxis")));
    root.appendChild(svg("text", { x: 12, y: (H - m.b) / 2, transform: `rotate(-90 12 ${(H - m.b) / 2})`, "text-anchor": "middle" }, t("sim.yAxis")));
    holder.appendChild(root);
    document.getElementById("sim-caption").textContent = t("sim.caption", {
      scenario: state().curve.scenario,
      reps: i18n.number(state().curve.replications, 0),
      years: i18n.number(state().curve.years, 1),
      finished: i18n.date(state().curve.finished),
    });
    fig.hidden = false;
  }

  async function onSimulate(event) {
    event.preventDefault();
    const from = Number(document.getElementById("teu-from").value);
    const to = Number(document.getElementById("teu-to").value);
    const reps = Number(document.getElementById("reps").value);
    if (!(from > 0 && to > from)) {
      setStatus("sim-status", t("sim.badRange"), true);
      return;
    }
    const points = [0, 1, 2, 3, 4].map((k) => Math.round(from + ((to - from) * k) / 4));
    const btn = document.getElementById("sim-btn");
    btn.disabled = true;
    setStatus("sim-status", t("job.queued"));
    try {
      const body = {
        scenario: document.getElementById("scenario").value,
        throughputs: points,
        years: 0.5,
        replications: reps,
      };
      const job = await runJob("/simulate", body, "sim-status");
      state().curve = { ...job.result, finished: job.finished };
      renderCurve();
      setStatus("sim-status", t("sim.done"));
    } catch (err) {
      setStatus("sim-status", errorText(err), true);
    } finally {
      btn.disabled = false;
    }
  }

  // -- impact ----------------------------------------------------------------------

  async function runJob(path, body, statusId) {
    let job = await api(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    while (job.status === "queued" || job.status === "running") {
      setStatus(statusId, t(job.status === "queued" ? "job.queued" : "job.running"));
      await new Promise((r) => setTimeout(r, 400));
      job = await api(`${path}/${job.id}`);
    }
    if (job.status === "failed") {
      throw Object.assign(new Error(job.error.message), { body: job.error });
    }
    return job;
  }

  function renderImpact() {
    const dl = document.getElementById("impact-summary");
    const fig = document.getElementById("impact-figure");
    const holder = document.getElementById("impact-chart");
    dl.replaceChildren();
    holder.replaceChildren();
    if (!state().impact) {
      dl.hidden = true;
      fig.hidden = true;
      return;
    }
    const r = state().impact;
    const figures = [
      ["impact.chancayTeu", i18n.number(r.chancay_teu, 0)],
      ["impact.divertedTeu", i18n.number(r.diverted_teu, 0)],
      ["impact.daysPerTeu", i18n.number(r.days_saved_per_teu, 1)],
      ["impact.usdSaved", i18n.number(r.usd_saved_total / 1e6, 1)],
      ["impact.co2e", i18n.number(r.co2e_change_t, 0)],
    ];
    figures.forEach(([key, value]) => {
      const dt = document.createElement("dt");
      dt.textContent = t(key);
      const dd = document.createElement("dd");
      dd.textContent = value;
      dl.append(dt, dd);
    });
    dl.hidden = false;
    const withC = r.volumes_by_gateway.scenario;
    const without = r.volumes_by_gateway.baseline;
    const ports = [...new Set([...Object.keys(withC), ...Object.keys(without)])]
      .filter((p) => (withC[p] || 0) >= 1 || (without[p] || 0) >= 1)
      .sort((a, b) => (withC[b] || 0) - (withC[a] || 0));
    const W = 360;
    const rowH = 22;
    const left = 52;
    const H = ports.length * rowH + 30;
    const max = Math.max(1, ...ports.map((p) => Math.max(withC[p] || 0, without[p] || 0)));
    const X = (v) => ((W - left - 60) * v) / max;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "impact-caption" });
    ports.forEach((p, i) => {
      const y = i * rowH + 4;
      root.appendChild(svg("text", { x: left - 4, y: y + 13, "text-anchor": "end" }, p));
      root.appendChild(svg("rect", { class: "bar-with", x: left, y, width: X(withC[p] || 0), height: 8, fill: "#c0392b" }));
      root.appendChild(svg("rect", { class: "bar-without", x: left, y: y + 9, width: X(without[p] || 0), height: 8, fill: "#0b5d8f" }));
      root.appendChild(svg("text", { x: left + X(Math.max(withC[p] || 0, without[p] || 0)) + 4, y: y + 13 }, i18n.number(withC[p] || 0, 0)));
    });
    root.appendChild(svg("rect", { x: left, y: H - 18, width: 10, height: 8, fill: "#c0392b" }));
    root.appendChild(svg("text", { x: left + 14, y: H - 10 }, t("impact.with")));
    root.appendChild(svg("rect", { x: left + 150, y: H - 18, width: 10, height: 8, fill: "#0b5d8f" }));
    root.appendChild(svg("text", { x: left + 164, y: H - 10 }, t("impact.without")));
    holder.appendChild(root);
    document.getElementById("impact-caption").textContent = t("impact.caption", {
      scenario: r.scenario,
      teu: i18n.number(r.total_teu, 0),
      flows: i18n.number(r.n_flows, 0),
      run: r.run_id,
      date: i18n.date(r.created_at),
    });
    fig.hidden = false;
  }

  async function onImpact(event) {
    event.preventDefault();
    const btn = document.getElementById("impact-btn");
    btn.disabled = true;
    setStatus("impact-status", t("job.queued"));
    try {
      const scenario = document.getElementById("impact-scenario").value;
      const job = await runJob("/impact", { scenario, draws: 0 }, "impact-status");
      state().impact = job.result;
      renderImpact();
      setStatus("impact-status", t("impact.done"));
    } catch (err) {
      setStatus("impact-status", errorText(err), true);
    } finally {
      btn.disabled = false;
    }
  }

  function fillImpactScenarios() {
    api("/impact/scenarios")
      .then((items) => {
        const sel = document.getElementById("impact-scenario");
        sel.replaceChildren(
          ...items.map((item) => {
            const o = document.createElement("option");
            o.value = item.name;
            o.textContent = item.name;
            o.title = item.description;
            return o;
          })
        );
        if (items.some((item) => item.name === "chancay-phase1")) sel.value = "chancay-phase1";
      })
      .catch((err) => {
        document.getElementById("impact-btn").disabled = true;
        setStatus("impact-status", errorText(err), true);
      });
  }

  function init() {
    fillImpactScenarios();
    document.getElementById("sim-form").addEventListener("submit", onSimulate);
    document.getElementById("impact-form").addEventListener("submit", onImpact);
  }

  function rerender() {
    renderCurve();
    renderImpact();
  }

  window.corredorJobs = { init, rerender };
})();
