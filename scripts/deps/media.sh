# Media service: the S3 backend's tests run against s3rver (npm, MIT), an S3-compatible server started on loopback.
# Debian 12 packages no MinIO or other S3 server. Node and npm come from Debian when missing.
if ! command -v npm >/dev/null 2>&1; then
  apt-get install -y --no-install-recommends nodejs npm
fi
if ! command -v s3rver >/dev/null 2>&1; then
  npm install -g s3rver@3.7.1
fi
