// What ties the rules to the rest of the project: a docs page per rule, a setting per rule with the
// same default, and the sample reports in examples/ saying exactly what their README promises.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyze, listRules, repoRoot } from './fixtures.mjs';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

test('every rule has its docs page and its link points there', () => {
  for (const rule of listRules()) {
    const page = path.join(repoRoot, 'docs/rules', `${rule.id}.md`);
    assert.ok(fs.existsSync(page), page);
    assert.match(fs.readFileSync(page, 'utf8'), new RegExp(`^# ${rule.id}`));
    assert.ok(rule.href.endsWith(`docs/rules/${rule.id}.md`));
  }
});

test('every rule is in the govreport.rules setting with its default severity', () => {
  const properties = manifest.contributes.configuration.properties['govreport.rules'].properties;
  for (const rule of listRules()) {
    assert.ok(properties[rule.id], `setting for ${rule.id}`);
    assert.equal(properties[rule.id].default, rule.defaultSeverity, rule.id);
  }
});

test('the docs index lists every rule', () => {
  const index = fs.readFileSync(path.join(repoRoot, 'docs/rules/README.md'), 'utf8');
  for (const rule of listRules()) assert.ok(index.includes(`(${rule.id}.md)`), rule.id);
});

function check(file) {
  return analyze(fs.readFileSync(path.join(repoRoot, 'examples', file), 'utf8'));
}

test('the clean sample reports are clean', () => {
  for (const file of ['望湖街道办事处2021年政府信息公开工作年度报告.txt', '云溪区市场监督管理局2020年政府信息公开工作年度报告.txt']) {
    const result = check(file);
    assert.ok(result.format === '2021' || result.format === '2019', file);
    assert.deepEqual(result.diagnostics, [], file);
  }
});

test('the sample with deliberate mistakes reports exactly those', () => {
  const result = check('望湖街道办事处2022年政府信息公开工作年度报告.md');
  const found = result.diagnostics.map((d) => `${d.range.start.line + 1} ${d.rule}`).sort();
  assert.deepEqual(found, ['52 label-mismatch', '60 cell-blank', '65 row-total', '76 result-total', '85 review-total', '97 section-missing'].sort());
});

test('the examples README is not taken for a report', () => {
  assert.equal(check('README.md').format, null);
});
