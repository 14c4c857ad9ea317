"""The "Cài lên điện thoại" page: a member's steps to read the site on a phone, at home too.

Trust the school's certificate (the CA certificate is offered by nginx on plain HTTP at
``/chibo-ca.crt``, deploy/nginx/chibo.conf), open the site from a QR code of its address
(drawn here with segno, as SVG, at build time), add it to the home screen, keep it for reading
without the network, and what honestly works for the meeting calendar. No MkDocs import.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from chibo.rendering.escape import markdown_text
from chibo.rendering.regulation_page import LinkFn

PAGE = "cai-len-dien-thoai.md"
QR_FILE = "assets/images/ung-dung/dia-chi-trang.svg"
CA_PATH = "/chibo-ca.crt"
CA_NAME = "Chung chi goc Chi bo"  # the CA's name, as deploy/nginx/make-certificate.sh writes it


def qr_svg(address: str) -> bytes:
    """The QR code of ``address`` as a small SVG (dark modules on white, a quiet zone of 4)."""
    import segno

    out = io.BytesIO()
    segno.make(address, error="m", micro=False).save(
        out, kind="svg", scale=6, border=4, dark="#000", light="#fff", xmldecl=False,
        title=f"Mã QR: {address}")
    return out.getvalue()


def ca_address(site_url: str) -> str:
    """``http://intranet/chibo-ca.crt`` for ``https://intranet:8443/chibo/``: port 80, no password."""
    host = urlsplit(site_url).hostname or ""
    return f"http://{host}{CA_PATH}" if host else ""


def page(site_url: str, link: LinkFn, *, calendar: str, home: str, meetings: str) -> str:
    """The page's Markdown. ``calendar``, ``home``, ``meetings``: docs paths of the .ics file,
    the home page and the meeting calendar's index."""
    address = site_url.rstrip("/") + "/" if site_url else ""
    ca = ca_address(site_url)
    shown = markdown_text(address)
    lines = ["# Cài lên điện thoại", "",
             "Sau khi làm một lần các bước dưới đây, trang văn bản của chi bộ mở được trên điện thoại như một "
             "ứng dụng, và **đọc được cả khi không có mạng** (ở nhà, khi đi họp), với bản lưu lần gần nhất điện "
             "thoại vào được trang ở trường.", ""]
    lines += ["## 1. Tin chứng chỉ của trường", "",
              "Trang dùng chứng chỉ HTTPS riêng của trường. Điện thoại cần tin chứng chỉ gốc của trường **một "
              "lần**; nếu chưa, trình duyệt báo \"kết nối không an toàn\": đừng bấm \"vẫn tiếp tục\", hãy cài "
              "chứng chỉ.", ""]
    if ca:
        lines += [f"Tải chứng chỉ (khi đang ở mạng của trường, không cần mật khẩu): "
                  f"<a href=\"{ca}\" download>{markdown_text(ca)}</a>. So dấu vân tay SHA-256 hiện khi cài với "
                  "dấu vân tay người phụ trách máy chủ đã đọc cho chi bộ; khác thì **không cài** và báo ngay.", ""]
    else:
        lines += ["Xin tệp chứng chỉ gốc (`chibo-ca.crt`) và dấu vân tay của nó từ người phụ trách máy chủ.", ""]
    lines += ["**Android**: *Cài đặt > Bảo mật > Cài chứng chỉ CA* (trên một số máy: *Cài đặt > Bảo mật > Cài "
              "đặt nâng cao > Mã hoá và thông tin xác thực > Cài đặt chứng chỉ > Chứng chỉ CA*), chọn \"Vẫn cài "
              "đặt\", chọn tệp `chibo-ca.crt` vừa tải (thư mục Tải xuống).", "",
              "**iPhone**: mở đường dẫn tải bằng **Safari**, bấm \"Cho phép\"; vào *Cài đặt > Đã tải về hồ sơ*, "
              "bấm *Cài đặt*, nhập mật mã máy. Sau đó **bắt buộc** bật tin cậy: *Cài đặt > Cài đặt chung > Giới "
              f"thiệu > Cài đặt tin cậy chứng nhận*, bật công tắc cạnh \"{CA_NAME}\".", ""]
    lines += ["## 2. Mở trang web", ""]
    if address:
        lines += [f"Quét mã bằng máy ảnh của điện thoại, hoặc gõ địa chỉ <code>{shown}</code>:", "",
                  f"![Mã QR của địa chỉ trang: {shown}]({link(QR_FILE, '')}){{ .qr-dia-chi width=\"240\" }}", "",
                  "Nhập tên và mật khẩu đảng viên khi được hỏi.", ""]
    else:
        lines += ["Hỏi người phụ trách máy chủ địa chỉ của trang (trang này được dựng chưa có địa chỉ).", ""]
    lines += ["## 3. Thêm vào màn hình chính", "",
              "**Android (Chrome)**: bấm nút ⋮ góc trên bên phải, chọn *Thêm vào màn hình chính* (hoặc *Cài đặt "
              "ứng dụng*), rồi *Thêm*.", "",
              "**iPhone (Safari)**: bấm nút Chia sẻ (ô vuông có mũi tên lên), chọn *Thêm vào MH chính*, rồi "
              "*Thêm*.", "",
              "Biểu tượng \"Văn bản chi bộ\" hiện trên màn hình chính; mở nó là vào thẳng trang.", ""]
    lines += ["## 4. Đọc khi không có mạng", "",
              "Lần đầu mở trang ở trường, điện thoại tự lưu mọi trang và chỉ mục tìm kiếm; cuối mỗi trang có dòng "
              "cho biết đã lưu và lưu lúc nào. Bấm **Lưu để đọc khi không có mạng** để lưu thêm các tệp PDF.", "",
              "Khi không có mạng, đầu trang ghi \"Không có mạng: đang đọc bản lưu lúc …\"; tìm kiếm và các tệp PDF "
              "đã lưu vẫn dùng được. Khi điện thoại vào lại được trang, bản lưu tự cập nhật và trang báo "
              "**\"Đã cập nhật văn bản mới\"**. Văn bản nháp hay mật không bao giờ có trên trang, nên cũng không "
              "bao giờ có trong bản lưu.", ""]
    lines += ["## 5. Lịch sinh hoạt chi bộ {#lich-sinh-hoat}", "",
              f"Cuộc họp tới có ở [Trang chủ, mục \"Tháng này\"]({link(home, 'thang-nay')}) và trang "
              f"[Sinh hoạt chi bộ]({link(meetings, '')}); cả hai đọc được khi không có mạng.", "",
              f"Tệp [lịch sinh hoạt (.ics)]({link(calendar, '')}) thêm các cuộc họp vào ứng dụng Lịch:", "",
              "- **Mở tệp** (Android và iPhone): các cuộc họp được chép vào lịch **một lần**; khi chi bộ đổi lịch, "
              "mở lại tệp.",
              "- **iPhone, đăng ký theo địa chỉ** (*Cài đặt > Lịch > Tài khoản > Thêm tài khoản > Khác > Thêm lịch "
              "đã đăng ký*, dán địa chỉ của tệp, nhập tên và mật khẩu đảng viên): lịch tự cập nhật, nhưng **chỉ "
              "khi điện thoại ở trong mạng của trường**; ở nhà lịch giữ bản lần trước.",
              "- **Google Lịch \"Thêm lịch theo địa chỉ\" không dùng được**: máy chủ của Google ở Internet, không "
              "vào được mạng nội bộ của trường (và không có mật khẩu đảng viên).", ""]
    return "\n".join(lines)
