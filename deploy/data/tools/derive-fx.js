#!/usr/bin/env node
'use strict';
/* global require, module, __dirname, process */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS so it runs with `node`, no TypeScript toolchain */
/*
 * Derives deploy/data/fx_ai_jobs_net_derived_2025-01-19.csv (`date,currency,usdPerUnit`, for
 * `rangefinder fx import --format csv`) from the ai-jobs.net salaries CSV, for the currencies the
 * ECB reference rates do not quote: for each (work_year, salary_currency), usdPerUnit = median of
 * salary_in_usd / salary, dated January 1 of that year.
 *
 *   node deploy/data/tools/derive-fx.js
 *
 * The unit suite (derive-fx.spec.ts, beside this file) re-derives and compares with the committed file.
 */
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('csv-parse/sync');

const DATA = path.resolve(__dirname, '..');
const SALARIES = 'ai_jobs_net_salaries_2025-01-19.csv';
const ECB = 'ecb_eurofxref_hist_2026-04-13.csv';
const OUT = 'fx_ai_jobs_net_derived_2025-01-19.csv';
// The data's own USD amounts are rounded to whole dollars, so more digits would be noise.
const SIGNIFICANT_DIGITS = 6;

function median(sorted) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The currencies the ECB history quotes (its header, plus the euro itself). */
function ecbCurrencies(ecbText) {
  const header = ecbText.slice(0, ecbText.indexOf('\n')).split(',');
  return new Set(['EUR', ...header.slice(1).filter((code) => /^[A-Z]{3}$/.test(code))]);
}

/** @returns {{currency: string, effectiveFrom: string, usdPerUnit: number}[]} */
function deriveFxRates(salariesText, quotedElsewhere) {
  const records = parse(salariesText, { columns: true, skip_empty_lines: true, trim: true });
  const ratios = new Map();
  for (const r of records) {
    const currency = r.salary_currency;
    if (currency === 'USD' || quotedElsewhere.has(currency)) continue;
    const salary = Number(r.salary);
    const usd = Number(r.salary_in_usd);
    if (!(salary > 0) || !(usd > 0) || !/^\d{4}$/.test(r.work_year)) continue;
    const key = `${currency}|${r.work_year}`;
    if (!ratios.has(key)) ratios.set(key, []);
    ratios.get(key).push(usd / salary);
  }
  return [...ratios.keys()].sort().map((key) => {
    const [currency, year] = key.split('|');
    const values = ratios.get(key).sort((a, b) => a - b);
    return {
      currency,
      effectiveFrom: `${year}-01-01`,
      usdPerUnit: Number(median(values).toPrecision(SIGNIFICANT_DIGITS)),
    };
  });
}

function toCsv(rates) {
  const lines = rates.map((r) => `${r.effectiveFrom},${r.currency},${r.usdPerUnit}`);
  return ['date,currency,usdPerUnit', ...lines].join('\n') + '\n';
}

function buildDerivedCsv(salariesText, ecbText) {
  return toCsv(deriveFxRates(salariesText, ecbCurrencies(ecbText)));
}

module.exports = { deriveFxRates, ecbCurrencies, buildDerivedCsv, OUT, SALARIES, ECB };

if (require.main === module) {
  const read = (file) => fs.readFileSync(path.join(DATA, file), 'utf8');
  const csv = buildDerivedCsv(read(SALARIES), read(ECB));
  fs.writeFileSync(path.join(DATA, OUT), csv);
  process.stdout.write(`wrote ${csv.trim().split('\n').length - 1} rates to ${OUT}\n`);
}
