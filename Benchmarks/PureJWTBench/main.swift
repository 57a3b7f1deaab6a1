// Placeholder until the benchmark harness lands.
print("purejwt-bench")
