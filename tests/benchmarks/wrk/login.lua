-- POST /v3/auth/tokens as the seeded demo user (password from DBAAS_BENCH_DEMO_PASSWORD).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format([[{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"demo","domain":{"name":"Default"},"password":"%s"}}},"scope":{"project":{"name":"demo","domain":{"name":"Default"}}}}}]],
    os.getenv("DBAAS_BENCH_DEMO_PASSWORD"))
