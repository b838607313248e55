"""Words and passwords an offline guesser tries first, folded (no accents, lower case, letters
and digits only). Bundled as data so the rule works with no network; used by
``domain.officers.check_password``.

Sources: the top of the public leaked-password frequency lists (the same few hundred lead
every list), Vietnamese password habits (``matkhau``, ``anhyeuem``, ``123456a@``, names and
years), Vietnamese family and given names, place names, and words of the office itself.
"""

from __future__ import annotations

COMMON_PASSWORDS = """
123456 123456789 12345678 12345 1234567 1234567890 1234 123123 111111 000000 123321 654321
666666 121212 112233 11111111 7777777 777777 555555 888888 999999 88888888 987654321
159753 147258369 123654 123qwe qwe123 abc123 abcd1234 a123456 123456a 123456aa aa123456
1q2w3e 1q2w3e4r 1q2w3e4r5t 1qaz2wsx 1qaz2wsx3edc zaq1xsw2cde3 qazwsx qazwsxedc qwerty qwertyuiop qwerty123 asdfgh asdfghjkl
zxcvbn zxcvbnm asdf1234 zaq12wsx password passw0rd password1 p@ssw0rd pass admin admin123
administrator root login welcome letmein iloveyou trustno1 dragon monkey master shadow
sunshine princess football baseball superman batman michael jennifer jordan hunter
charlie freedom whatever starwars computer internet google samsung nokia iphone
secret default guest test tester changeme
matkhau matkhau123 matkhaumoi doimatkhau matma anhyeuem emyeuanh yeuem yeuanh yeuemnhieu
anhyeuemnhieu iloveu saranghae hanoi saigon hochiminh danang haiphong cantho hue vietnam
vietnamese quantri quantrivien quanly admin1 canbo canbotiepnhan motcua bophanmotcua
ubnd uyban uybannhandan xa phuong thitran tiepnhan hoso congdan dichvucong chuyenvien
lanhdao chutich phochutich vanthu ketoan thuquy congan xinchao chaoban tambiet
conmeo concho hoahong hoamai hoadao muaxuan trungthu tet
"""

# Family names and the given names most often met; a password of a name and a year (the
# officer's own, a child's, a spouse's) is among the first an attacker tries.
NAMES = """
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh truong trinh
mai cao lam luong ha ta doan lai chu kieu quach tang thai ton vuong van thi
anh minh hung huong lan linh nam hoa hai hieu huy khanh long ngoc phuong quang son thanh
thao thu trang tuan tung viet yen dung duc giang hang hien hong hue kien loan nga nhung
oanh quynh tam thuy tien trung vinh xuan binh chi cuong dat diep duyen hanh hau hiep hoai
hoan kim lien loc luan ly my nghia nhan nhi phat phuc phu quan quyen sang tai tan thang
thinh tho thong thuan toan trieu tu uyen vy bao chau dong hao hau huyen khoa lam lanh
manh nguyet nhu phong sinh tham thuong tin trinh tuyet vu
"""

# Keyboard rows (and their reverse) for walks like "qwer", "asdfg", "1234", "zxcv".
KEYBOARD_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz")


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())
