# analysis (prompts + extraction): no apt packages needed; data files are committed (scripts/extraction-data/generate.sh rebuilds them with npm).
true
