from chibo.document.text import fold, slugify


def test_slug_of_roman_heading_is_ascii_with_d_for_dj():
    assert slugify("I. ĐẶC ĐIỂM TÌNH HÌNH:", "-") == "i-dac-diem-tinh-hinh"


def test_slug_of_numbered_subheading():
    assert slugify("4.1. Công tác giáo dục chính trị tư tưởng:", "-") == "4-1-cong-tac-giao-duc-chinh-tri-tu-tuong"


def test_fold_handles_nfd_input_and_dj():
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Đảng viên không được làm")
    assert fold(nfd) == "Dang vien khong duoc lam"
