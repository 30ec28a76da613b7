# Benchmarks (bench/MagicHub.Bench): load generator and the reverse-proxy baseline.
#   wrk          HTTP load from a separate process (gateway hop, nginx baseline)
#   nginx-light  reverse proxy baseline; the runner starts it itself with a generated config
#                on a free loopback port (the package's own default site is not used)
#   clang, zlib1g-dev  native linker and zlib for the Native AOT publish of the AOT-compatible services (gateway)
apt-get install -y --no-install-recommends wrk nginx-light clang zlib1g-dev
