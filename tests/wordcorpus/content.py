"""The words of the test corpus: our own text, in the shapes real cell documents take.

A document is a list of parts: ("part", title), ("section", title) for the main parts,
("sub", title) below them, ("item", title) below those, ("text", sentence),
("bullet", depth, sentence), ("label", text), ("decision", sentence) — a long numbered
paragraph that must stay a paragraph. Renderers (``make_corpus``) write them in many ways.
"""

from __future__ import annotations

PLAN_YEAR = [
    ("text", "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
    ("text", "Căn cứ Nghị quyết Đại hội Chi bộ nhiệm kỳ 2020 - 2025;"),
    ("text", "Chi bộ xây dựng kế hoạch hoạt động năm 2023 với các nội dung sau:"),
    ("section", "ĐẶC ĐIỂM TÌNH HÌNH"),
    ("text", "Chi bộ có 14 đảng viên, trong đó 13 đảng viên chính thức và 1 đảng viên dự bị."),
    ("text", "Nhà trường có 420 học sinh cấp Tiểu học, chia thành 14 lớp."),
    ("label", "Thuận lợi:"),
    ("bullet", 0, "Được sự quan tâm lãnh đạo của Đảng ủy xã Mỹ Hưng."),
    ("bullet", 0, "Đội ngũ đảng viên đoàn kết, có tinh thần trách nhiệm cao."),
    ("label", "Khó khăn:"),
    ("bullet", 0, "Cơ sở vật chất của trường còn thiếu phòng học bộ môn."),
    ("section", "PHƯƠNG HƯỚNG, NHIỆM VỤ CHUNG"),
    ("text", "Tiếp tục nâng cao năng lực lãnh đạo và sức chiến đấu của chi bộ."),
    ("section", "CÁC NHIỆM VỤ CỤ THỂ"),
    ("sub", "Công tác chính trị tư tưởng"),
    ("bullet", 0, "Tổ chức học tập Nghị quyết TW4 khóa XII cho toàn thể đảng viên."),
    ("bullet", 1, "Mỗi đảng viên viết bản thu hoạch sau khi học tập."),
    ("bullet", 1, "Chi ủy tổng hợp kết quả và báo cáo Đảng ủy."),
    ("bullet", 0, "Thực hiện Quy định 213 về giữ mối liên hệ với nơi cư trú."),
    ("sub", "Công tác xây dựng Đảng"),
    ("item", "Công tác tổ chức"),
    ("text", "Phấn đấu kết nạp 2 quần chúng ưu tú vào Đảng trong năm."),
    ("item", "Công tác kiểm tra, giám sát"),
    ("text", "Kiểm tra 2 đảng viên theo QĐ số 37 về những điều đảng viên không được làm."),
    ("section", "CÁC GIẢI PHÁP THỰC HIỆN"),
    ("bullet", 0, "Duy trì sinh hoạt chi bộ định kỳ vào ngày 5 hằng tháng."),
    ("section", "TỔ CHỨC THỰC HIỆN"),
    ("text", "Các đồng chí chi ủy viên theo nhiệm vụ được phân công triển khai kế hoạch này."),
]

PLAN_TOPIC = [
    ("text", "Thực hiện Kết luận 01-KL/TW của Bộ Chính trị về tiếp tục thực hiện Chỉ thị 05;"),
    ("section", "MỤC ĐÍCH, YÊU CẦU"),
    ("text", "Giúp đảng viên nắm vững nội dung chuyên đề năm 2023 và liên hệ với công việc."),
    ("section", "NỘI DUNG"),
    ("sub", "Thời gian và địa điểm"),
    ("text", "Buổi học tập tổ chức vào chiều ngày 12 tháng 4 tại phòng họp nhà trường."),
    ("sub", "Hình thức"),
    ("bullet", 0, "Báo cáo viên trình bày nội dung chính của chuyên đề."),
    ("bullet", 0, "Đảng viên thảo luận và đăng ký việc làm theo gương Bác."),
    ("section", "TỔ CHỨC THỰC HIỆN"),
    ("text", "Đồng chí Phó Bí thư chuẩn bị tài liệu và theo dõi việc thực hiện."),
]

RESOLUTION_MONTH = [
    ("text", "Hôm nay, ngày 5 tháng 3 năm 2023, Chi bộ họp thường kỳ với 12 trên 14 đảng viên có mặt."),
    ("section", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 2"),
    ("sub", "Ưu điểm"),
    ("bullet", 0, "Hoàn thành kiểm tra nội bộ đúng kế hoạch."),
    ("bullet", 0, "Tổ chức tốt hoạt động kỷ niệm ngày thành lập Đảng 3/2."),
    ("sub", "Hạn chế"),
    ("text", "Một số đảng viên nộp bản thu hoạch chậm so với thời gian quy định."),
    ("section", "PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 3"),
    ("bullet", 0, "Tổ chức kỷ niệm ngày Quốc tế Phụ nữ 8/3 cho cán bộ, giáo viên nữ."),
    ("bullet", 0, "Hoàn thành hồ sơ đề nghị kết nạp đảng viên mới."),
    ("section", "TỔ CHỨC THỰC HIỆN"),
    ("text", "Chi ủy phân công từng đồng chí phụ trách các nhiệm vụ trên."),
]

RESOLUTION_CONGRESS = [
    ("text", "Đại hội Chi bộ Trường Tiểu học Mỹ Hưng nhiệm kỳ 2022 - 2025 họp ngày 20 tháng 4 năm 2022."),
    ("label", "QUYẾT NGHỊ:"),
    ("decision", "Nhất trí thông qua báo cáo chính trị của Chi ủy trình Đại hội; đánh giá kết quả nhiệm kỳ "
                 "qua và phương hướng, mục tiêu, nhiệm vụ nhiệm kỳ 2022 - 2025 như báo cáo đã nêu."),
    ("decision", "Nhất trí thông qua báo cáo kiểm điểm của Chi ủy nhiệm kỳ 2020 - 2022; Chi ủy khóa mới "
                 "tiếp thu ý kiến của Đại hội để khắc phục những hạn chế đã chỉ ra."),
    ("decision", "Đại hội giao Chi ủy khóa mới xây dựng chương trình hành động để thực hiện thắng lợi nghị "
                 "quyết này; các đồng chí đảng viên có trách nhiệm thực hiện nghiêm túc."),
]

REPORT_YEAR = [
    ("part", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2022"),
    ("section", "CÔNG TÁC CHÍNH TRỊ TƯ TƯỞNG"),
    ("text", "Chi bộ tổ chức học tập đầy đủ các nghị quyết, chỉ thị của cấp trên."),
    ("bullet", 0, "100% đảng viên tham gia học tập Nghị quyết Trung ương 4 (khóa XII)."),
    ("section", "CÔNG TÁC XÂY DỰNG ĐẢNG"),
    ("sub", "Công tác tổ chức"),
    ("text", "Trong năm kết nạp được 1 đảng viên mới, đạt chỉ tiêu đề ra."),
    ("sub", "Công tác kiểm tra"),
    ("text", "Kiểm tra 2 đảng viên theo Quy định số 47-QĐ/TW ngày 01-11-2011, không có vi phạm."),
    ("part", "PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2023"),
    ("section", "MỤC TIÊU"),
    ("text", "Xây dựng chi bộ trong sạch, vững mạnh, hoàn thành tốt nhiệm vụ năm 2023."),
    ("section", "GIẢI PHÁP"),
    ("bullet", 0, "Nâng cao chất lượng sinh hoạt chi bộ theo NQ TW4."),
]

REPORT_MIDTERM = [
    ("section", "KẾT QUẢ ĐẠT ĐƯỢC TRONG 6 THÁNG ĐẦU NĂM"),
    ("sub", "Về lãnh đạo thực hiện nhiệm vụ chính trị"),
    ("text", "Nhà trường hoàn thành chương trình học kỳ I đúng kế hoạch."),
    ("sub", "Về công tác xây dựng Đảng"),
    ("text", "Chi bộ duy trì sinh hoạt thường kỳ đầy đủ 6 buổi."),
    ("section", "HẠN CHẾ, NGUYÊN NHÂN"),
    ("text", "Việc ứng dụng công nghệ thông tin trong sinh hoạt chi bộ còn hạn chế."),
    ("section", "PHƯƠNG HƯỚNG NHIỆM VỤ 6 THÁNG CUỐI NĂM"),
    ("bullet", 0, "Chuẩn bị tốt các điều kiện cho năm học mới."),
]

CONCLUSION = [
    ("text", "Ngày 10 tháng 5 năm 2023, Chi bộ họp bàn về công tác phát triển đảng viên."),
    ("sub", "Tình hình"),
    ("text", "Hiện có 3 quần chúng ưu tú đã học lớp nhận thức về Đảng."),
    ("sub", "Kết luận của chi bộ"),
    ("bullet", 0, "Giao đồng chí Bí thư hoàn thiện hồ sơ cho 2 quần chúng."),
    ("bullet", 0, "Các đảng viên được phân công giúp đỡ tiếp tục theo dõi quần chúng."),
]

PROGRAM = [
    ("section", "MỤC TIÊU"),
    ("text", "Cụ thể hóa nghị quyết của Đảng ủy xã về xây dựng trường học thân thiện."),
    ("section", "NHIỆM VỤ VÀ GIẢI PHÁP"),
    ("sub", "Về tuyên truyền"),
    ("bullet", 0, "Tuyên truyền trên bảng tin và trang thông tin của nhà trường."),
    ("sub", "Về tổ chức thực hiện"),
    ("bullet", 0, "Mỗi tổ chuyên môn xây dựng kế hoạch cụ thể."),
]

REGULATION_TEXT = [
    ("text", "(Văn bản thử nghiệm: lời văn của bộ kiểm thử, không phải văn bản chính thức.)"),
    ("chapter", "NHỮNG QUY ĐỊNH CHUNG"),
    ("article", "Phạm vi áp dụng"),
    ("decision", "Quy định này áp dụng thử nghiệm cho việc kiểm tra chương trình nhập văn bản của chi bộ "
                 "và không có giá trị thi hành đối với bất kỳ tổ chức đảng nào."),
    ("article", "Trách nhiệm của đảng viên"),
    ("decision", "Đảng viên đọc văn bản thử nghiệm này chỉ để kiểm tra rằng mỗi khoản được giữ nguyên, "
                 "mỗi điều có địa chỉ riêng và không có chữ nào bị mất khi nhập."),
    ("chapter", "TỔ CHỨC THỰC HIỆN"),
    ("article", "Hiệu lực"),
    ("text", "Văn bản thử nghiệm có hiệu lực trong phạm vi bộ kiểm thử."),
]

# type -> (label, trích yếu, body, document number kind)
DOCUMENTS = {
    "plan-year": ("KẾ HOẠCH", "Hoạt động của chi bộ năm 2023", PLAN_YEAR, "ke-hoach", "KH"),
    "plan-school-year": ("KẾ HOẠCH", "Lãnh đạo thực hiện nhiệm vụ năm học 2022 - 2023", PLAN_YEAR, "ke-hoach", "KH"),
    "plan-topic": ("KẾ HOẠCH", "Học tập chuyên đề năm 2023", PLAN_TOPIC, "ke-hoach", "KH"),
    "resolution-month": ("NGHỊ QUYẾT", "Sinh hoạt chi bộ tháng 3 năm 2023", RESOLUTION_MONTH, "nghi-quyet", "NQ"),
    "resolution-congress": ("NGHỊ QUYẾT", "Đại hội Chi bộ Trường Tiểu học Mỹ Hưng nhiệm kỳ 2022 - 2025",
                            RESOLUTION_CONGRESS, "nghi-quyet", "NQ"),
    "resolution-conference": ("NGHỊ QUYẾT", "Hội nghị chi bộ mở rộng tháng 8 năm 2022", RESOLUTION_MONTH,
                              "nghi-quyet", "NQ"),
    "report-year": ("BÁO CÁO", "Tổng kết công tác năm 2022 và phương hướng nhiệm vụ năm 2023", REPORT_YEAR,
                    "bao-cao", "BC"),
    "report-midterm": ("BÁO CÁO", "Sơ kết 6 tháng đầu năm 2023", REPORT_MIDTERM, "bao-cao", "BC"),
    "conclusion": ("KẾT LUẬN", "Về công tác phát triển đảng viên năm 2023", CONCLUSION, "van-ban", "KL"),
    "notice": ("THÔNG BÁO", "Kết luận của chi bộ về công tác phát triển đảng viên tháng 5 năm 2023", CONCLUSION,
               "van-ban", "TB"),
    "program": ("CHƯƠNG TRÌNH", "Hành động thực hiện nghị quyết năm 2023", PROGRAM, "van-ban", "CTr"),
}
