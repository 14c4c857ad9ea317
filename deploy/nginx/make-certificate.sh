#!/bin/sh
# Tạo chứng chỉ HTTPS riêng của trường cho máy chủ nội bộ (không cần Internet).
#
#   deploy/nginx/make-certificate.sh THƯ_MỤC TÊN_HOẶC_IP [TÊN_HOẶC_IP ...]
#   ví dụ: sudo deploy/nginx/make-certificate.sh /etc/nginx/chibo-tls intranet 192.168.1.10
#
# Tạo trong THƯ_MỤC:
#   ca.crt      chứng chỉ gốc của trường: cài lên điện thoại (xem THAM-KHAO.md, "Cấu hình nginx")
#   ca.key      khoá của chứng chỉ gốc: GIỮ KÍN, không chép đi đâu
#   server.crt, server.key   chứng chỉ và khoá của máy chủ (nginx: ssl_certificate ...)
#   reader-token.conf  mã bí mật của cookie đảng viên (chibo.conf: chống dò mật khẩu); GIỮ KÍN
# Chạy lại khi đổi tên/IP hoặc khi chứng chỉ máy chủ sắp hết hạn (825 ngày): ca.crt đã có
# thì được giữ nguyên, điện thoại không phải cài lại.
#
# English notes: a small internal CA (RSA 3072, 10 years, CA:TRUE, keyCertSign) signs a
# server certificate (RSA 2048, 825 days, serverAuth, subjectAltName with every given DNS
# name / IP) - the limits iOS and Android require of a certificate from a user-installed CA.
set -eu

if [ "$#" -lt 2 ]; then
    echo "cách dùng: $0 THƯ_MỤC TÊN_HOẶC_IP [TÊN_HOẶC_IP ...]" >&2
    echo "ví dụ:     $0 /etc/nginx/chibo-tls intranet 192.168.1.10" >&2
    exit 2
fi
command -v openssl >/dev/null 2>&1 || { echo "lỗi: chưa có openssl (sudo apt-get install openssl)" >&2; exit 1; }

dir=$1
shift
first=$1
san=""
for name in "$@"; do
    case "$name" in
        *[!0-9A-Za-z.:-]*|"")
            echo "lỗi: tên máy hoặc địa chỉ IP không hợp lệ: '$name'" >&2
            exit 2 ;;
    esac
    if printf '%s' "$name" | grep -Eq '^[0-9]+(\.[0-9]+){3}$|:'; then
        entry="IP:$name"
    else
        entry="DNS:$name"
    fi
    san="${san:+$san,}$entry"
done

mkdir -p "$dir"
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

if [ ! -s "$dir/ca.crt" ] || [ ! -s "$dir/ca.key" ]; then
    openssl req -x509 -new -newkey rsa:3072 -nodes -sha256 -days 3650 \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" \
        -subj "/O=Chi bo - mang noi bo/CN=Chung chi goc Chi bo ($first)" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "subjectKeyIdentifier=hash" 2>"$work/log" || { cat "$work/log" >&2; exit 1; }
    echo "Đã tạo chứng chỉ gốc: $dir/ca.crt"
else
    echo "Giữ chứng chỉ gốc đã có: $dir/ca.crt"
fi

cat >"$work/ext.cnf" <<CNF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$san
authorityKeyIdentifier=keyid
subjectKeyIdentifier=hash
CNF
openssl req -new -newkey rsa:2048 -nodes -sha256 -keyout "$work/server.key" \
    -out "$work/server.csr" -subj "/O=Chi bo - mang noi bo/CN=$first" 2>"$work/log" \
    || { cat "$work/log" >&2; exit 1; }
openssl x509 -req -in "$work/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days 825 -sha256 \
    -extfile "$work/ext.cnf" -out "$work/server.crt" 2>"$work/log" \
    || { cat "$work/log" >&2; exit 1; }
mv "$work/server.key" "$dir/server.key"
mv "$work/server.crt" "$dir/server.crt"
chmod 644 "$dir/ca.crt" "$dir/server.crt"
chmod 600 "$dir/ca.key" "$dir/server.key"

# The readers' cookie secret (deploy/nginx/chibo.conf): made once, kept across runs.
if [ ! -s "$dir/reader-token.conf" ]; then
    printf 'default "%s";\n' "$(openssl rand -hex 16)" >"$dir/reader-token.conf"
    chmod 600 "$dir/reader-token.conf"
fi

echo "Đã tạo chứng chỉ máy chủ cho: $san"
echo "  $dir/server.crt, $dir/server.key"
echo "Dấu vân tay chứng chỉ gốc (so với dòng SHA-256 trên điện thoại khi cài):"
openssl x509 -in "$dir/ca.crt" -noout -fingerprint -sha256
