-- The 95th percentile, which wrk --latency does not print (it gives 50/75/90/99). Fixed URL: the one on the command line.
function done(summary, latency, requests)
  io.write(string.format("p95 %.2fms\n", latency:percentile(95) / 1000))
end
