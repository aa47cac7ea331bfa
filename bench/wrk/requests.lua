-- Cycles through the requests listed in a file (one per line, tab-separated: method, path,
-- cookie, autosave flag, CSRF token, body: url-encoded, or a JSON object), so that each request
-- can carry another student's session and CSRF token, or another attempt. Prints a JSON summary.
local lines = {}
local counter = 0
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  for line in io.lines(args[1]) do
    local method, path, cookie, autosave, csrf, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = { ["User-Agent"] = "course-bench" }
    if cookie ~= "" then headers["Cookie"] = cookie end
    if autosave ~= "" then headers["X-Autosave"] = "1" end
    if csrf ~= "" then headers["X-CSRFToken"] = csrf end
    if body == "" then
      body = nil
    elseif body:sub(1, 1) == "{" then
      headers["Content-Type"] = "application/json"
    else
      headers["Content-Type"] = "application/x-www-form-urlencoded"
    end
    lines[#lines + 1] = wrk.format(method, path, headers, body)
  end
  -- Threads start at different places in the list.
  local threads = tonumber(args[2]) or 1
  counter = math.floor((thread_index or 0) * #lines / threads)
end

function request()
  counter = counter + 1
  return lines[(counter % #lines) + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "mean_us": %.1f, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
