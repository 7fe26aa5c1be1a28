"""A realistic synthetic corpus: articles that recombine the patterns of the real ones (places at every level,
models in every quoting style, agencies, procedures, figures and distractor numbers), seeded and deterministic.

    python benchmarks/generate.py OUT_FOLDER N_ARTICLES [--seed 7]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

PROVINCES = ["tỉnh Bình Định", "tỉnh Hà Tĩnh", "tỉnh Bình Dương", "tỉnh Lâm Đồng", "tỉnh Phú Thọ", "tỉnh Bắc Ninh"]
DISTRICTS = ["huyện Tây Sơn", "huyện Đạ Huoai", "huyện Thuận Thành", "thị xã Tân Uyên", "thành phố Cao Lãnh"] + \
    [f"Quận {n}" for n in range(1, 13)]
WARD_NAMES = ["Bến Thành", "Tân Tạo", "Mỹ Long", "Thành Sen", "Phú Lợi", "Tam Quan", "Tây Vinh", "Tây Giang", "Song Liễu"]
KIND_PHRASES = ["Một cửa liên thông", "Giờ làm việc thứ 9", "Ngày thứ Bảy không nghỉ", "Trả kết quả tại nhà",
                "Dịch vụ công trực tuyến", "Số hóa hồ sơ", "Tin nhắn SMS thông báo", "Hỗ trợ người dân",
                "Ngày thứ 6 không hẹn", "Cơ quan điện tử", "Bản đồ số", "Rút ngắn thời gian giải quyết"]
TOPICS = ["lĩnh vực hộ tịch", "đăng ký khai sinh", "chứng thực chữ ký", "cấp giấy phép xây dựng", "đăng ký kết hôn",
          "đất đai", "bảo hiểm y tế", "đăng ký thường trú", "xác nhận tình trạng hôn nhân", "đăng ký khai tử"]
AGENCIES = ["Phòng Tư pháp", "Công an", "Bảo hiểm xã hội", "Chi nhánh Văn phòng đăng ký đất đai", "Bưu điện",
            "Phòng Tài nguyên và Môi trường", "Trung tâm Phục vụ hành chính công"]
FILLER = ["Người dân đến làm thủ tục được cán bộ hướng dẫn tận tình, chu đáo.",
          "Đây là một trong những công trình chào mừng Đại hội Đảng bộ, nhiệm kỳ 2025-2030.",
          "Liên hệ đường dây nóng 028.3969.3936 hoặc theo Nghị định 123 và Kế hoạch 58/KH-UBND.",
          "Khu phố 46 và liên khu phố 79 – 82 – 84 được hỗ trợ máy tính, trẻ em dưới 6 tuổi được chăm sóc.",
          "Bộ phận một cửa đạt chuẩn ISO 9001:2015, làm việc từ 7h30 đến 17h hằng ngày."]


def ward(rnd: random.Random) -> str:
    return f"Phường {rnd.randint(1, 18)}" if rnd.random() < 0.5 else f"phường {rnd.choice(WARD_NAMES)}"


def model(rnd: random.Random) -> str:
    name = f"{rnd.choice(KIND_PHRASES)} {rnd.choice(['trong', 'về', 'đối với'])} {rnd.choice(TOPICS)}"
    style = rnd.random()
    if style < 0.6:
        return f"mô hình “{name}”"
    if style < 0.85:
        return f'mô hình "{name}"'
    return f"mô hình {name.lower()} tại nhà"


def article(rnd: random.Random, n: int) -> str:
    district = rnd.choice(DISTRICTS)
    place = ward(rnd)
    lines = [f"Tin tức {rnd.randint(1, 28)} Tháng Giêng 2024 {rnd.randint(1, 11)}:05:00 CH", "",
             f"{place[0].upper() + place[1:]} triển khai nhiều mô hình cải cách hành chính mới", ""]
    opening, closing = rnd.choice([("“", "”"), ('"', '"')])
    body = [f"Trong năm 2023, UBND {place} ({district}, {rnd.choice(PROVINCES)}) đã triển khai {model(rnd)} "
            f"({ward(rnd)}, {ward(rnd)} và {ward(rnd)}).",
            f"Mô hình {opening}{rnd.choice(KIND_PHRASES)}{closing} do {rnd.choice(AGENCIES)} "
            f"{district} phối hợp với {rnd.choice(AGENCIES)} {district} thực hiện.",
            f"Tính đến tháng {rnd.randint(1, 12)}/2024, phường tiếp nhận {rnd.randint(1, 99)}.{rnd.randint(100, 999)} hồ sơ, "
            f"tỉ lệ đúng hạn đạt {rnd.randint(90, 99)},{rnd.randint(10, 99)}%, hài lòng trên {rnd.randint(80, 99)}%.",
            f"Các mô hình như: {model(rnd)} ({ward(rnd)}); {model(rnd)} ({ward(rnd)}); gửi thư chúc mừng hoặc thư chia buồn.",
            f"Thời gian giải quyết {rnd.choice(TOPICS)} từ 03 ngày giảm còn 01 ngày, đã giải quyết "
            f"{rnd.randint(5, 500)}/{rnd.randint(500, 900)} hồ sơ trực tuyến.",
            f"Qua {rnd.randint(2, 9)} tháng, tổ công tác hỗ trợ hơn {rnd.randint(50, 900)} lượt công dân tại "
            f"{rnd.randint(2, 9)}/{rnd.randint(10, 18)} khu phố."]
    body += [rnd.choice(FILLER) for _ in range(rnd.randint(8, 14))]
    rnd.shuffle(body)
    paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
    furniture = ["", "Số lượt người xem: " + str(rnd.randint(100, 9999)), "", "TIN ĐÃ ĐƯA"] + \
        [f"  • Bản tin Hoạt động từ {rnd.randint(1, 28)}/3 đến {rnd.randint(1, 28)}/3/2017" for _ in range(60)]
    return "\n".join(lines + ["\n\n".join(paragraphs), "", "Ngọc Thảo"] + furniture) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    for i in range(args.count):
        folder = args.out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article-{i:06d}.txt").write_text(article(rnd, i), encoding="utf-8")


if __name__ == "__main__":
    main()
