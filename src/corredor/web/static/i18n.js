/* Message catalogues (static/i18n/<lang>.json) and locale-aware formatting.
 *
 * Strings live only in the catalogues: markup names them with data-i18n="key"
 * (text) or data-i18n-attr="attr:key;attr2:key2", code calls t("key", {vars}).
 * Numbers and dates go through Intl with the locale's tag. Keys a catalogue
 * lacks fall back to English and are recorded in i18n.missing (the browser
 * test asserts it stays empty for every language).
 */
"use strict";
(function () {
  const LOCALES = {
    en: { tag: "en-GB", name: "English" },
    es: { tag: "es-PE", name: "Español" },
    pt: { tag: "pt-BR", name: "Português" },
    zh: { tag: "zh-CN", name: "中文" },
  };
  const catalogues = {};
  const missing = new Set();
  let current = "en";

  async function load(lang) {
    if (!catalogues[lang]) {
      const res = await fetch(`/static/i18n/${lang}.json`);
      if (!res.ok) throw new Error(`catalogue ${lang}: HTTP ${res.status}`);
      catalogues[lang] = await res.json();
    }
    return catalogues[lang];
  }

  function t(key, vars) {
    let text = catalogues[current] && catalogues[current][key];
    if (text === undefined) {
      missing.add(`${current}:${key}`);
      text = (catalogues.en && catalogues.en[key]) || key;
    }
    if (vars) {
      text = text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
    }
    return text;
  }

  function has(key) {
    return Boolean(catalogues[current] && key in catalogues[current]);
  }

  function number(value, digits) {
    if (value === null || value === undefined || !Number.isFinite(value)) return "—";
    const d = digits === undefined ? 0 : digits;
    return new Intl.NumberFormat(LOCALES[current].tag, {
      minimumFractionDigits: d,
      maximumFractionDigits: d,
    }).format(value);
  }

  function date(value) {
    if (!value) return "—";
    return new Intl.DateTimeFormat(LOCALES[current].tag, {
      dateStyle: "medium",
      timeStyle: "medium",
    }).format(new Date(value));
  }

  function apply(root) {
    const scope = root || document;
    scope.querySelectorAll("[data-i18n]").forEach((el) => {
      el.textContent = t(el.dataset.i18n);
    });
    scope.querySelectorAll("[data-i18n-attr]").forEach((el) => {
      el.dataset.i18nAttr.split(";").forEach((pair) => {
        const [attr, key] = pair.split(":");
        if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
      });
    });
  }

  function pick() {
    const fromUrl = new URLSearchParams(window.location.search).get("lang");
    if (fromUrl && fromUrl in LOCALES) return fromUrl;
    let saved = null;
    try {
      saved = window.localStorage.getItem("corredor.lang");
    } catch (e) {
      saved = null;
    }
    if (saved && saved in LOCALES) return saved;
    const nav = (navigator.language || "en").slice(0, 2).toLowerCase();
    return nav in LOCALES ? nav : "en";
  }

  async function setLocale(lang) {
    const chosen = lang in LOCALES ? lang : "en";
    await load("en");
    await load(chosen);
    current = chosen;
    document.documentElement.lang = LOCALES[chosen].tag;
    try {
      window.localStorage.setItem("corredor.lang", chosen);
    } catch (e) {
      /* private mode: the choice lasts for this page only */
    }
    apply(document);
    document.dispatchEvent(new CustomEvent("corredor:locale", { detail: { lang: chosen } }));
  }

  window.i18n = {
    LOCALES,
    t,
    has,
    number,
    date,
    apply,
    pick,
    setLocale,
    missing,
    get lang() {
      return current;
    },
    get tag() {
      return LOCALES[current].tag;
    },
  };
})();
