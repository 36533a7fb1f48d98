// Generates schemas/govreportrc.schema.json, the JSON schema of `.govreportrc.json` that the extension
// contributes through `jsonValidation` (so VS Code completes and checks the file). The rule ids, their
// default severities and titles come from the rule list (server/src/service/rules), so a new rule is in
// the schema after `npm run gen`; test/unit/config.test.mjs regenerates it in memory and fails when the
// committed file drifted.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSource, repoRoot } from './load-source.mjs';
import { pathToFileURL } from 'node:url';

export { repoRoot };
export const SCHEMA_FILE = 'schemas/govreportrc.schema.json';

/** The rules' metadata, read from the TypeScript sources. */
export async function loadRules() {
  const { rules } = await loadSource("export { rules } from './server/src/service/rules/index';");
  return rules.map(({ id, defaultSeverity, title, titleEn }) => ({ id, defaultSeverity, title, titleEn }));
}

const SEVERITIES = ['off', 'info', 'warning', 'error'];

export function buildSchema(rules) {
  const severity = {
    type: 'string',
    enum: SEVERITIES,
    enumDescriptions: ['关闭此规则。 / Switch the rule off.', '提示。 / Information.', '警告。 / Warning.', '错误。 / Error.'],
  };
  const ruleMap = {
    type: 'object',
    description: '按规则设置严重程度（off、info、warning、error）。 / Severity per rule id (off, info, warning, error).',
    properties: Object.fromEntries(
      rules.map((rule) => [
        rule.id,
        { $ref: '#/definitions/severity', default: rule.defaultSeverity, description: `${rule.title}（默认 ${rule.defaultSeverity}） / ${rule.titleEn} (default ${rule.defaultSeverity})` },
      ]),
    ),
    propertyNames: { enum: rules.map((rule) => rule.id) },
  };
  const format = {
    type: 'string',
    enum: ['auto', '2019', '2021'],
    enumDescriptions: [
      '按报告年度和表格标签判断。 / Decide by the report year and the table labels.',
      '国办公开办函〔2019〕60号格式（2019、2020 年度）。 / The 2019 format (reports for 2019 and 2020).',
      '国办公开办函〔2021〕30号格式（2021 年度起）。 / The 2021 format (reports for 2021 on).',
    ],
    description: '检查所依据的年报格式（优先于设置 govreport.format）。 / The report format to check against (over the govreport.format setting).',
  };
  const globs = (description) => ({ type: 'array', items: { type: 'string', minLength: 1 }, description });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: '.govreportrc.json',
    description:
      'govreport 配置文件：从报告所在文件夹向上查找，直到文件系统根目录或含 "root": true 的文件；近处的文件优先。优先级：行内注释 > 配置文件 > VS Code 设置 > 规则默认级别。 / govreport configuration, looked up from the report\'s folder upwards to the filesystem root or a file with "root": true; nearer files win. Precedence: inline comments > config files > VS Code settings > rule defaults.',
    type: 'object',
    definitions: { severity, rules: ruleMap },
    properties: {
      $schema: { type: 'string' },
      root: {
        type: 'boolean',
        default: false,
        description: '为 true 时不再向上级文件夹查找配置文件。 / true: stop looking for config files in the folders above.',
      },
      rules: { $ref: '#/definitions/rules' },
      overrides: {
        type: 'array',
        description:
          '按路径覆盖：files 中任一 glob 匹配报告（相对于本配置文件所在文件夹）时，其 rules 覆盖上面的 rules；后面的覆盖前面的。 / Per-path overrides: when a glob of files matches the report (relative to this file\'s folder), its rules apply over the rules above; later ones win.',
        items: {
          type: 'object',
          required: ['files'],
          additionalProperties: false,
          properties: {
            files: globs('glob 模式：不含 / 的匹配任意层级的文件名，含 / 的从本文件夹起匹配路径。 / Globs: without "/" they match the file name at any depth, with "/" the path from this folder.'),
            rules: { $ref: '#/definitions/rules' },
            format,
          },
        },
      },
      ignore: globs('不检查匹配这些 glob 的报告（写法同 overrides.files）。 / Reports matching these globs are not checked (globs as in overrides.files).'),
      format,
    },
    additionalProperties: false,
  };
}

export async function generate() {
  return { [SCHEMA_FILE]: JSON.stringify(buildSchema(await loadRules()), null, 2) + '\n' };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [file, content] of Object.entries(await generate())) {
    writeFileSync(path.join(repoRoot, file), content);
    console.log(`wrote ${file}`);
  }
}
