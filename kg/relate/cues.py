"""The words that give an agency its role, written right before it: "phối hợp với B" (a partner), "do A", "của A"
(the lead), "tại C" (where it happens), "cán bộ D" (D's staff do it: D takes part). Each is a cue that ends where the gap before the agency ends.

Such a pattern (`(?i:...)\\s*$`) cannot be skipped through by `re`: searched over a gap that may be a whole
sentence, it is tried at every character. `EndCue` tries it on the gap's last characters only, and on the whole
gap only when those characters could all be part of one longer match (cue words and spaces).
"""
from __future__ import annotations

import re

# "A cùng B triển khai ...", "A hợp tác với B", "A ký kết (thỏa thuận hợp tác) với B": B works with A
PARTNER = (r"(?i:phối hợp(?:\s+(?:với|cùng))?(?:\s+(?:lực lượng|các lực lượng))?|(?<!\w)cùng(?:\s+với)?|liên thông với"
           r"|(?<!\w)(?:hợp tác|liên kết|ký kết(?:\s+(?:thỏa thuận|thoả thuận|biên bản))?(?:\s+hợp tác)?)\s+với"
           r"|(?<!\w)(?:phối hợp|hợp tác|liên kết|ký kết)\s+giữa"       # "là sự phối hợp giữa A và B": both
           r"|(?<!\w)(?:sự\s+)?(?:phối hợp|hỗ trợ|đồng hành)\s+của)\s*$")     # "Với sự phối hợp của Bưu điện tỉnh, ..."
LEAD = r"(?i:(?<!\w)(?:do|được)|chủ trì:?)\s*$|^[\s”\"'’]*(?i:của)\s*$"
AT = r"(?i:(?<!\w)(?:tại|ở))\s*$"
AT_UNITS = r"(?i:(?<!\w)(?:tại|ở)(?:\s+(?:các|\d+))?)\s*$"      # the places of a plural or a count: "tại các phường A, B"
PART = r"(?i:(?<!\w)(?:sự\s+)?tham gia của)\s*$"       # "Với sự tham gia của Đoàn Thanh niên và Hội Phụ nữ, mô hình ..."
STAFF = r"(?i:(?<!\w)(?:cán bộ|công chức|viên chức|nhân viên))\s*$"     # "cử cán bộ tổ địa chính xuống tận nhà"


class EndCue:
    """Whether a gap ends with the cue (as `re.search(pattern, gap)` says)."""

    def __init__(self, pattern: str, reach: int = 32):
        self.regex = re.compile(pattern)
        self.reach = reach
        # every character a match can hold: the pattern's own (case aside, as the pattern reads them) and spaces
        self._only_cue = re.compile("[\\s" + "".join(map(re.escape, sorted(set(pattern)))) + "]*", re.IGNORECASE)

    def ends(self, gap: str) -> bool:
        text = gap.rstrip()             # the cue ends in a word or a colon: `\s*$` takes the spaces after it
        start = len(text) - self.reach
        if start <= 0:
            return self.regex.search(text) is not None
        if self.regex.search(text, start) is not None:   # (a look-behind still sees the text before `start`)
            return True
        # a match starting before `start` would hold every character after it
        return self._only_cue.fullmatch(text, start) is not None and self.regex.search(text) is not None


PARTNER_CUE, LEAD_CUE, AT_CUE, STAFF_CUE = EndCue(PARTNER), EndCue(LEAD), EndCue(AT), EndCue(STAFF)
AT_UNITS_CUE, PART_CUE = EndCue(AT_UNITS), EndCue(PART)
