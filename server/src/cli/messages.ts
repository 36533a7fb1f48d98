// The command line's own words, in the two locales the service knows.
import type { Locale } from '../service/types';
import { localeFromEnvironment } from '../service/locale';

export interface Counts {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface Messages {
  usage: string;
  notReport: string;
  summary(counts: Counts): string;
  cannotRead(path: string, reason: string): string;
  cannotWrite(path: string, reason: string): string;
  cannotWriteGb18030(path: string): string;
  unknownCommand(command: string): string;
  unknownOption(option: string): string;
  missingValue(option: string): string;
  badValue(option: string, value: string, allowed: string): string;
  noPaths: string;
  stdinTwice: string;
  fixed(path: string, count: number, dryRun: boolean): string;
  fixSummary(fixed: number, files: number, dryRun: boolean): string;
}

const USAGE_ZH = `用法：
  govreport check [--format text|json|sarif] [--locale zh-CN|en] 路径...
  govreport fix [--dry-run] [--locale zh-CN|en] 路径...
  govreport extract [--format csv|json] [--bom] 路径...
  govreport --help | --version

检查政府信息公开工作年度报告的章节、表格和勾稽关系。

命令：
  check        检查报告并列出问题
  fix          应用所有可自动修复的问题（直接写回文件）
  extract      每份报告输出一条记录（机关、年度、格式、全部表格数值、问题数），见 docs/extract.md

选项：
  --format     输出格式：text（默认）、json 或 sarif；extract 为 csv（默认）或 json
  --locale     消息语言：zh-CN 或 en（默认取自 LC_ALL / LC_MESSAGES / LANG：
               未设置、C、POSIX 或 zh* 为中文，其他语言为英文）
  --dry-run    只以 unified diff 显示修改，不写文件
  --bom        extract 的 CSV 以 UTF-8 BOM 开头（Excel 需要它才能正确显示中文）
  --config     使用指定的配置文件，而不是从各文件所在文件夹向上查找 .govreportrc.json
  --no-config  不读取任何 .govreportrc.json
  -h, --help   显示本帮助
  -v, --version
               显示版本

路径可以是文件、目录（递归查找 *.txt、*.md、*.govreport）或 -（标准输入）。
check 和 extract 还读取网页（*.html、*.htm）和 Word 文件（*.docx），目录中也一并查找。
文件编码自动识别：UTF-8（可带 BOM）、带 BOM 的 UTF-16、GB18030/GBK。
退出状态：0 没有错误；1 至少有一个错误；2 用法错误或文件无法读取。
`;

const USAGE_EN = `Usage:
  govreport check [--format text|json|sarif] [--locale zh-CN|en] PATH...
  govreport fix [--dry-run] [--locale zh-CN|en] PATH...
  govreport extract [--format csv|json] [--bom] PATH...
  govreport --help | --version

Checks Chinese government information disclosure annual reports: sections, tables and totals.

Commands:
  check        check reports and list the findings
  fix          apply every automatic fix (writes the files in place)
  extract      one record per report (agency, year, format, every table value, finding counts); docs/extract.md

Options:
  --format     output format: text (default), json or sarif; for extract csv (default) or json
  --locale     message language: zh-CN or en (default from LC_ALL / LC_MESSAGES / LANG:
               Chinese when unset, C, POSIX or zh*, English for any other language)
  --dry-run    print the changes as a unified diff and write nothing
  --bom        start extract's CSV with a UTF-8 byte order mark (Excel needs it to show Chinese)
  --config     use this configuration file instead of looking up .govreportrc.json from each file's folder
  --no-config  read no .govreportrc.json
  -h, --help   show this help
  -v, --version
               show the version

PATH is a file, a directory (searched recursively for *.txt, *.md, *.govreport) or - for stdin.
check and extract also read web pages (*.html, *.htm) and Word files (*.docx), in directories too.
Encodings are detected: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.
Exit status: 0 no errors; 1 at least one error; 2 bad usage or a file that cannot be read.
`;

const zh: Messages = {
  usage: USAGE_ZH,
  notReport: '未识别为年报',
  summary: (c) => `共 ${c.files} 个文件，${c.errors} 个错误，${c.warnings} 个警告，${c.infos} 个提示`,
  cannotRead: (path, reason) => `govreport: 无法读取 ${path}：${reason}`,
  cannotWrite: (path, reason) => `govreport: 无法写入 ${path}：${reason}`,
  cannotWriteGb18030: (path) => `govreport: ${path}: 无法写回 GB18030 文件，请先转换为 UTF-8`,
  unknownCommand: (command) => `govreport: 未知命令“${command}”`,
  unknownOption: (option) => `govreport: 未知选项“${option}”`,
  missingValue: (option) => `govreport: 选项 ${option} 需要一个值`,
  badValue: (option, value, allowed) => `govreport: ${option} 的值“${value}”无效（可用：${allowed}）`,
  noPaths: 'govreport: 请指定至少一个路径（文件、目录或 -）',
  stdinTwice: 'govreport: 标准输入（-）只能指定一次',
  fixed: (path, count, dryRun) => `${path}: ${dryRun ? '可修复' : '已修复'} ${count} 处`,
  fixSummary: (fixed, files, dryRun) => `共${dryRun ? '可修复' : '修复'} ${fixed} 处，涉及 ${files} 个文件`,
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en: Messages = {
  usage: USAGE_EN,
  notReport: 'not recognised as a report',
  summary: (c) =>
    `${plural(c.files, 'file', 'files')}, ${plural(c.errors, 'error', 'errors')}, ` +
    `${plural(c.warnings, 'warning', 'warnings')}, ${c.infos} info`,
  cannotRead: (path, reason) => `govreport: cannot read ${path}: ${reason}`,
  cannotWrite: (path, reason) => `govreport: cannot write ${path}: ${reason}`,
  cannotWriteGb18030: (path) => `govreport: ${path}: cannot write a GB18030 file back; convert it to UTF-8 first`,
  unknownCommand: (command) => `govreport: unknown command '${command}'`,
  unknownOption: (option) => `govreport: unknown option '${option}'`,
  missingValue: (option) => `govreport: option ${option} needs a value`,
  badValue: (option, value, allowed) => `govreport: invalid value '${value}' for ${option} (expected ${allowed})`,
  noPaths: 'govreport: no path given (a file, a directory or -)',
  stdinTwice: 'govreport: stdin (-) can be given only once',
  fixed: (path, count, dryRun) => `${path}: ${dryRun ? 'would fix' : 'fixed'} ${plural(count, 'problem', 'problems')}`,
  fixSummary: (fixed, files, dryRun) =>
    `${plural(fixed, 'fix', 'fixes')} ${dryRun ? 'would be applied' : 'applied'} in ${plural(files, 'file', 'files')}`,
};

export function messages(locale: Locale): Messages {
  return locale === 'en' ? en : zh;
}

/**
 * The locale from the environment (LC_ALL, then LC_MESSAGES, then LANG; GNU LANGUAGE): Chinese unless it
 * clearly names another language, so an unset or C/POSIX locale gives Chinese (service/locale.ts).
 */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  return localeFromEnvironment(env);
}

/** A --locale value: zh-CN or en (zh*, en* accepted); undefined when it is neither. */
export function parseLocale(value: string): Locale | undefined {
  if (/^en([-_].*)?$/i.test(value)) return 'en';
  if (/^zh([-_].*)?$/i.test(value)) return 'zh-CN';
  return undefined;
}
