-- Neovim 0.7's own LSP client (vim.lsp.start_client; vim.lsp.start is 0.8)
-- attached to dplint lsp, for TestNeovimClient. It opens $DPLINT_FILE, waits
-- for diagnostics, asks for a hover and the code actions at the misspelt
-- field, applies the rule's own fix the way the editor does and waits for the
-- server to take the finding back. Each step is a JSON line in $DPLINT_OUT;
-- the Go test asserts on them.
local out = assert(io.open(os.getenv('DPLINT_OUT'), 'w'))
local function put(kind, value)
  out:write(vim.fn.json_encode({ kind = kind, value = value }), '\n')
  out:flush()
end
local function fail(msg)
  put('error', msg)
  out:close()
  vim.cmd('cquit 1')
end

vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DPLINT_FILE')))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'dplint',
  cmd = { os.getenv('DPLINT_BIN'), 'lsp' },
  root_dir = vim.fn.fnamemodify(os.getenv('DPLINT_FILE'), ':h'),
})
if not id then
  fail('vim.lsp.start_client returned nil')
end
vim.lsp.buf_attach_client(buf, id)

-- find returns the LSP position one character into the first occurrence of
-- text (ASCII fixtures: bytes are UTF-16 units).
local function find(text)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local s = line:find(text, 1, true)
    if s then
      return { line = i - 1, character = s }
    end
  end
  fail('not in the buffer: ' .. text)
end

local function codes()
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    seen[#seen + 1] = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  table.sort(seen)
  return seen
end

if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
  fail('no diagnostics within 20 s')
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  put('diagnostic', { line = d.lnum, col = d.col, message = d.message,
    code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) })
end

local doc = vim.lsp.util.make_text_document_params(buf)
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
  { textDocument = doc, position = find('ShellCommandActivity') }, 10000)
local hover = res and res[id] and res[id].result
put('hover', hover and hover.contents and hover.contents.value or '')

local at = find('"comand"')
res = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction',
  { textDocument = doc, range = { start = at, ['end'] = at }, context = { diagnostics = {} } }, 10000)
local chosen
for _, a in ipairs(res and res[id] and res[id].result or {}) do
  put('action', a.title)
  if a.isPreferred and a.edit and not chosen then
    chosen = a
  end
end
if not chosen then
  fail('no preferred code action with an edit')
end
vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
put('text', table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n'))

-- The edit went back to the server as an incremental change; wait until
-- the finding it fixed is gone from the editor's diagnostics.
local gone = vim.wait(20000, function()
  return not vim.tbl_contains(codes(), 'DP1103')
end, 20)
put('after', codes())
if not gone then
  fail('DP1103 still reported after the fix')
end

vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
put('done', true)
out:close()
vim.cmd('qall!')
