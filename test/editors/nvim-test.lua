-- Headless Neovim (0.7+) end-to-end test of the language server with the built-in LSP client.
-- Run by test/editors/run.sh:  nvim --headless -u NONE -i NONE -n -c 'luafile nvim-test.lua'
-- Environment: GOVREPORT_SERVER (server/dist/server.js), TEST_FILE (a report), EXPECT_CODE (cell-count).
local t0 = vim.loop.hrtime()
local function log(...) io.stdout:write(table.concat({ ... }, ' ') .. '\n') end
local function fail(msg)
  io.stderr:write('FAIL (nvim): ' .. msg .. '\n')
  vim.cmd('cquit 1')
end
local function ms() return string.format('%.0f ms', (vim.loop.hrtime() - t0) / 1e6) end

local server = assert(os.getenv('GOVREPORT_SERVER'), 'GOVREPORT_SERVER not set')
local file = assert(os.getenv('TEST_FILE'), 'TEST_FILE not set')
local expect = os.getenv('EXPECT_CODE') or 'cell-count'
local timeout = tonumber(os.getenv('DIAG_TIMEOUT_MS') or '15000')

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'govreport'

local exit_code
local client_id = vim.lsp.start_client({
  name = 'govreport',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  flags = { debounce_text_changes = 0 },
  on_exit = function(code) exit_code = code end,
})
if not client_id then fail('vim.lsp.start_client returned nil') end
vim.lsp.buf_attach_client(bufnr, client_id)

local function with_code(code)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then table.insert(found, d) end
  end
  table.sort(found, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return found
end

-- 1. Diagnostics arrive after opening, with the expected rule code.
if not vim.wait(timeout, function() return #with_code(expect) > 0 end, 20) then
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(codes, tostring(d.code)) end
  fail(string.format('no %s diagnostic within %d ms (got %d diagnostics: %s)', expect, timeout,
    #vim.diagnostic.get(bufnr), table.concat(codes, ' ')))
end
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  log(string.format('DIAG %d:%d severity=%d source=%s code=%s %s', d.lnum + 1, d.col + 1, d.severity,
    tostring(d.source), tostring(d.code), d.message))
  if d.source ~= 'govreport' then fail('diagnostic without source govreport') end
end
log('OK (nvim) ' .. expect .. ' diagnostic after ' .. ms())

-- 2. A code action request is answered without error.
local first = with_code(expect)[1]
local function to_lsp(d)
  local lsp = d.user_data and d.user_data.lsp or {}
  return {
    range = { start = { line = d.lnum, character = d.col },
              ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col } },
    severity = d.severity, code = d.code, source = d.source, message = d.message, data = lsp.data,
  }
end
local line_diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = first.lnum })) do table.insert(line_diagnostics, to_lsp(d)) end
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = { line = first.lnum, character = 0 }, ['end'] = { line = first.lnum, character = 0 } },
  context = { diagnostics = line_diagnostics },
}
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 5000)
if not responses or not responses[client_id] then fail('no codeAction response') end
if responses[client_id].err then fail('codeAction error: ' .. vim.inspect(responses[client_id].err)) end
if type(responses[client_id].result or {}) ~= 'table' then fail('codeAction result is not a list') end
log(string.format('OK (nvim) codeAction returned %d actions', #(responses[client_id].result or {})))

-- 3. An edit goes to the server incrementally and the diagnostics follow it: insert an empty line
--    above everything, so every diagnostic moves one line down.
local before = first.lnum
vim.api.nvim_buf_set_lines(bufnr, 0, 0, false, { '' })
if not vim.wait(timeout, function()
  local moved = with_code(expect)[1]
  return moved ~= nil and moved.lnum == before + 1
end, 20) then
  fail('diagnostics did not follow the edit within ' .. timeout .. ' ms')
end
log('OK (nvim) diagnostics updated after an edit, ' .. ms())

vim.lsp.stop_client(client_id)
vim.wait(3000, function() return exit_code ~= nil end, 20)
if exit_code ~= 0 then fail('server exit code ' .. tostring(exit_code) .. ' after shutdown') end
log('OK (nvim) server shut down cleanly, ' .. ms())
vim.cmd('qall!')
