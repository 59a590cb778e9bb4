-- GET /v1.0/{tenant}/instances/{id}, cycling through the ids in the file named by DBAAS_BENCH_IDS (one per line),
-- so that every instance of the project is read, not one row that stays hot.
local ids = {}
for line in io.lines(os.getenv("DBAAS_BENCH_IDS")) do ids[#ids + 1] = line end
local prefix = os.getenv("DBAAS_BENCH_PREFIX")
local n = math.random(#ids)
request = function()
    n = n % #ids + 1
    return wrk.format("GET", prefix .. ids[n])
end
