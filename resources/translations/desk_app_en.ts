<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Nội dung cần &amp;bổ sung</source>
        <translation>What must be &amp;supplemented</translation>
    </message>
    <message>
        <source>&amp;Lý do từ chối</source>
        <translation>&amp;Reason for refusal</translation>
    </message>
    <message>
        <source>&amp;Lý do chậm trả</source>
        <translation>&amp;Reason for the delay</translation>
    </message>
    <message>
        <source>&amp;Lý do dừng (theo đề nghị)</source>
        <translation>&amp;Reason for stopping (on request)</translation>
    </message>
    <message>
        <source>&amp;Lý do rút hồ sơ</source>
        <translation>&amp;Reason for withdrawal</translation>
    </message>
    <message>
        <source>&amp;Giấy ủy quyền (nếu nhận thay)</source>
        <translation>&amp;Authorisation paper (if collected by someone else)</translation>
    </message>
    <message>
        <source>Chưa nhập «{caption}».</source>
        <translation>“{caption}” is empty.</translation>
    </message>
    <message>
        <source>dd/mm/yyyy hoặc dd/mm/yyyy HH:MM</source>
        <translation>dd/mm/yyyy or dd/mm/yyyy HH:MM</translation>
    </message>
    <message>
        <source>Người nộp hồ sơ</source>
        <translation>The applicant</translation>
    </message>
    <message>
        <source>Người được ủy quyền nhận thay</source>
        <translation>Someone authorised to collect</translation>
    </message>
    <message>
        <source>Công dân không đánh giá</source>
        <translation>The citizen gave no rating</translation>
    </message>
    <message>
        <source>số ngày làm việc</source>
        <translation>working days</translation>
    </message>
    <message>
        <source>&amp;Chuyển đến</source>
        <translation>&amp;Hand over to</translation>
    </message>
    <message>
        <source>&amp;Người nhận</source>
        <translation>&amp;Received by</translation>
    </message>
    <message>
        <source>Ghi &amp;chú</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>&amp;Nhận từ</source>
        <translation>Received &amp;from</translation>
    </message>
    <message>
        <source>Ngày hẹn trả &amp;mới</source>
        <translation>&amp;New appointment date</translation>
    </message>
    <message>
        <source>Lý do &amp;gia hạn</source>
        <translation>&amp;Reason for the extension</translation>
    </message>
    <message>
        <source>Số &amp;ngày làm việc</source>
        <translation>Working &amp;days</translation>
    </message>
    <message>
        <source>Căn cứ, &amp;văn bản thỏa thuận</source>
        <translation>Basis, written &amp;agreement</translation>
    </message>
    <message>
        <source>&amp;Người nhận kết quả</source>
        <translation>&amp;Result collected by</translation>
    </message>
    <message>
        <source>&amp;Họ tên người nhận thay</source>
        <translation>&amp;Full name of the person collecting</translation>
    </message>
    <message>
        <source>Số &amp;định danh người nhận</source>
        <translation>&amp;ID number of the person collecting</translation>
    </message>
    <message>
        <source>&amp;Cách trả</source>
        <translation>&amp;Return method</translation>
    </message>
    <message>
        <source>Mức độ &amp;hài lòng</source>
        <translation>&amp;Satisfaction</translation>
    </message>
    <message>
        <source>Ý &amp;kiến</source>
        <translation>&amp;Comment</translation>
    </message>
    <message>
        <source>&amp;Ghi nhận…</source>
        <translation>&amp;Record…</translation>
    </message>
    <message>
        <source>&amp;Xác nhận ghi nhận</source>
        <translation>Confirm and re&amp;cord</translation>
    </message>
    <message>
        <source>Ghi nhận «{action}» cho hồ sơ {code}? Việc này không hoàn tác được. Kiểm tra lại rồi bấm «Xác nhận ghi nhận».</source>
        <translation>Record “{action}” for dossier {code}? This cannot be undone. Check, then press “Confirm and record”.</translation>
    </message>
    <message>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>AddOfficerDialog</name>
    <message>
        <source>Thêm cán bộ</source>
        <translation>Add officer</translation>
    </message>
    <message>
        <source>Cán bộ phải đổi mật khẩu tạm ở lần đăng nhập đầu.</source>
        <translation>The officer must change the temporary password at the first sign-in.</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>&amp;Họ và tên</source>
        <translation>&amp;Full name</translation>
    </message>
    <message>
        <source>&amp;Vai trò</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu tạm</source>
        <translation>&amp;Temporary password</translation>
    </message>
    <message>
        <source>&amp;Nhập lại</source>
        <translation>&amp;Repeat</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>AddressSuggestionBanner</name>
    <message>
        <source>Dùng địa chỉ &amp;mới</source>
        <translation>Use the &amp;new address</translation>
    </message>
    <message>
        <source>&amp;Giữ như trên thẻ</source>
        <translation>&amp;Keep as on the card</translation>
    </message>
    <message>
        <source>Địa chỉ trên thẻ theo đơn vị hành chính cũ. Địa chỉ mới: {new}. {note} (Bảng chuyển đổi: {source})</source>
        <translation>The card&apos;s address names the former administrative units. New address: {new}. {note} (Conversion table: {source})</translation>
    </message>
    <message>
        <source>Xã/phường cũ đã được chia cho nhiều xã/phường mới: hãy hỏi lại người dân.</source>
        <translation>The former commune was split between several new ones: ask the citizen.</translation>
    </message>
    <message>
        <source>Hãy hỏi lại người dân trước khi dùng.</source>
        <translation>Check with the citizen before using it.</translation>
    </message>
</context>
<context>
    <name>CalendarBox</name>
    <message>
        <source>Lịch làm việc của xã</source>
        <translation>The commune&apos;s working calendar</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Nghỉ/làm</source>
        <translation>Off/worked</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>ngày/tháng/năm</source>
        <translation>day/month/year</translation>
    </message>
    <message>
        <source>Ngày nghỉ thêm</source>
        <translation>Extra day off</translation>
    </message>
    <message>
        <source>Ngày làm bù</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <source>căn cứ, ví dụ số văn bản</source>
        <translation>basis, e.g. the decision&apos;s number</translation>
    </message>
    <message>
        <source>Đặt &amp;ngày</source>
        <translation>Set the &amp;day</translation>
    </message>
    <message>
        <source>&amp;Bỏ ngày đã đặt</source>
        <translation>&amp;Remove a day set here</translation>
    </message>
    <message>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>đọc lịch</source>
        <translation>read the calendar</translation>
    </message>
    <message>
        <source>Làm việc</source>
        <translation>Worked</translation>
    </message>
    <message>
        <source>Nghỉ</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>Đã ghi; các quầy khác của xã nhận khi đồng bộ.</source>
        <translation>Saved; the commune&apos;s other desks get it when they sync.</translation>
    </message>
    <message>
        <source>ghi lịch</source>
        <translation>save the calendar day</translation>
    </message>
</context>
<context>
    <name>CashBookDialog</name>
    <message>
        <source>Sổ thu phí, lệ phí</source>
        <translation>Fee cash book</translation>
    </message>
    <message>
        <source>Mọi cán bộ của quầy</source>
        <translation>Every officer of the desk</translation>
    </message>
    <message>
        <source>Ký hiệu</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Họ tên kế toán nhận tiền</source>
        <translation>Accountant&apos;s full name</translation>
    </message>
    <message>
        <source>&amp;Bàn giao</source>
        <translation>&amp;Hand over</translation>
    </message>
    <message>
        <source>Đối chiếu &amp;sao kê…</source>
        <translation>Match a bank &amp;statement…</translation>
    </message>
    <message>
        <source>&amp;Hủy biên lai…</source>
        <translation>&amp;Void receipt…</translation>
    </message>
    <message>
        <source>In &amp;lại</source>
        <translation>&amp;Reprint</translation>
    </message>
    <message>
        <source>Tài khoản nhận &amp;phí…</source>
        <translation>Fee &amp;account…</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Đã hủy: {reason}</source>
        <translation>Void: {reason}</translation>
    </message>
    <message>
        <source>Đã đối chiếu</source>
        <translation>Matched</translation>
    </message>
    <message>
        <source>Chờ đối chiếu</source>
        <translation>Not matched yet</translation>
    </message>
    <message>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Chuyển khoản</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Tiền mặt {cash} · Chuyển khoản {transfer} (chưa đối chiếu {unmatched}) · Cộng {total} · {receipts} biên lai, {voided} đã hủy</source>
        <translation>Cash {cash} · Transfer {transfer} ({unmatched} not matched) · Total {total} · {receipts} receipts, {voided} void</translation>
    </message>
    <message>
        <source> · Đã bàn giao cho {name}</source>
        <translation> · Handed over to {name}</translation>
    </message>
    <message>
        <source>Sao kê ngân hàng</source>
        <translation>Bank statement</translation>
    </message>
    <message>
        <source>Sao kê (*.csv *.xlsx)</source>
        <translation>Statements (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Đã đối chiếu {n} khoản; {k} dòng cần xem lại.</source>
        <translation>Matched {n} payments; {k} rows to look at.</translation>
    </message>
    <message>
        <source>Hủy biên lai</source>
        <translation>Void receipt</translation>
    </message>
    <message>
        <source>Lý do hủy biên lai:</source>
        <translation>Why the receipt is void:</translation>
    </message>
    <message>
        <source>Biên lai {series} {number:07d}</source>
        <translation>Receipt {series} {number:07d}</translation>
    </message>
    <message>
        <source>ghi sổ thu phí</source>
        <translation>write the fee cash book</translation>
    </message>
</context>
<context>
    <name>ChipRead</name>
    <message>
        <source>Đọc chip cần mã QR của thẻ (F2), hoặc số định danh, ngày sinh trên biểu mẫu và ngày hết hạn gõ vào ô mã QR.</source>
        <translation>Reading the chip needs the card&apos;s QR (F2), or the ID number and birth date on the form and the expiry date typed in the QR field.</translation>
    </message>
    <message>
        <source>Đang đọc chip thẻ căn cước… giữ thẻ nằm yên trên đầu đọc.</source>
        <translation>Reading the ID card chip… keep the card still on the reader.</translation>
    </message>
    <message>
        <source>Đã đọc chip: thông tin HỢP LỆ (chữ ký số của cơ quan cấp thẻ đúng).</source>
        <translation>Chip read: the data is VALID (the issuer&apos;s digital signature checks).</translation>
    </message>
    <message>
        <source>Đã đọc chip nhưng KHÔNG XÁC THỰC ĐƯỢC ({why}). Vẫn tiếp nhận được; đối chiếu thẻ bằng mắt.</source>
        <translation>Chip read but NOT VERIFIED ({why}). Intake can go on; check the card by eye.</translation>
    </message>
    <message>
        <source>số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>họ tên</source>
        <translation>name</translation>
    </message>
    <message>
        <source>ngày sinh</source>
        <translation>date of birth</translation>
    </message>
    <message>
        <source>giới tính</source>
        <translation>sex</translation>
    </message>
    <message>
        <source>nơi thường trú</source>
        <translation>residence</translation>
    </message>
    <message>
        <source>Khác với mã QR: {fields}.</source>
        <translation>Differs from the QR: {fields}.</translation>
    </message>
    <message>
        <source>đọc chip thẻ căn cước</source>
        <translation>read the ID card chip</translation>
    </message>
</context>
<context>
    <name>CommuneFields</name>
    <message>
        <source>ví dụ 000.00.12.H12</source>
        <translation>e.g. 000.00.12.H12</translation>
    </message>
    <message>
        <source>ví dụ UBND xã Minh Phú</source>
        <translation>e.g. People&apos;s Committee of Minh Phu commune</translation>
    </message>
    <message>
        <source>ví dụ Minh Phú (dòng ngày tháng trên giấy tờ)</source>
        <translation>e.g. Minh Phu (the place and date line on papers)</translation>
    </message>
    <message>
        <source>&amp;Mã định danh cơ quan</source>
        <translation>&amp;Agency code</translation>
    </message>
    <message>
        <source>&amp;Tên UBND xã/phường</source>
        <translation>&amp;Commune people&apos;s committee</translation>
    </message>
    <message>
        <source>Đị&amp;a danh</source>
        <translation>Pl&amp;ace name</translation>
    </message>
    <message>
        <source>&amp;Tỉnh/thành phố</source>
        <translation>&amp;Province/city</translation>
    </message>
    <message>
        <source>&amp;Số quầy</source>
        <translation>&amp;Desk number</translation>
    </message>
    <message>
        <source>Trung tâm Phục vụ hành chính công xã … hoặc Bộ phận Một cửa</source>
        <translation>Commune public administrative service centre … or One-stop unit</translation>
    </message>
    <message>
        <source>ví dụ TTPVHCC (số giấy tờ: 1.15/PBS-TTPVHCC)</source>
        <translation>e.g. TTPVHCC (paper numbers: 1.15/PBS-TTPVHCC)</translation>
    </message>
    <message>
        <source>Bộ phận tiếp &amp;nhận</source>
        <translation>Receiving u&amp;nit</translation>
    </message>
    <message>
        <source>Tên &amp;viết tắt trên số giấy tờ</source>
        <translation>Short name on paper &amp;numbers</translation>
    </message>
    <message>
        <source>Chức danh người &amp;ký</source>
        <translation>Title of the &amp;signer</translation>
    </message>
    <message>
        <source>&amp;Họ tên người ký</source>
        <translation>&amp;Name of the signer</translation>
    </message>
    <message>
        <source>Điện thoại &amp;liên hệ</source>
        <translation>Contact &amp;phone</translation>
    </message>
    <message>
        <source>Địa chỉ &amp;tra cứu (mã QR)</source>
        <translation>&amp;Lookup address (QR code)</translation>
    </message>
    <message>
        <source>Tự &amp;khóa màn hình sau (phút)</source>
        <translation>&amp;Lock the screen after (minutes)</translation>
    </message>
    <message>
        <source>Ngày &amp;chốt số liệu báo cáo</source>
        <translation>Report &amp;cut-off day</translation>
    </message>
</context>
<context>
    <name>ComponentChecklist</name>
    <message>
        <source>&amp;Xem bản số hóa</source>
        <translation>&amp;View digitised copy</translation>
    </message>
    <message>
        <source>&amp;Gỡ bản số hóa</source>
        <translation>&amp;Remove digitised copy</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier component</translation>
    </message>
    <message>
        <source>đọc thành phần hồ sơ</source>
        <translation>read the dossier&apos;s components</translation>
    </message>
    <message>
        <source>mở bản số hóa</source>
        <translation>open the digitised copy</translation>
    </message>
    <message>
        <source>Gỡ bản số hóa</source>
        <translation>Remove digitised copy</translation>
    </message>
    <message>
        <source>Gỡ bản số hóa “{title}” khỏi hồ sơ này?</source>
        <translation>Remove the digitised copy “{title}” from this dossier?</translation>
    </message>
    <message>
        <source>gỡ bản số hóa</source>
        <translation>remove the digitised copy</translation>
    </message>
    <message>
        <source>Đã gỡ bản số hóa.</source>
        <translation>Digitised copy removed.</translation>
    </message>
</context>
<context>
    <name>ComponentsEditor</name>
    <message>
        <source>Đã nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier component</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Số lượng</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Bản số hóa</source>
        <translation>Digitised copy</translation>
    </message>
    <message>
        <source>quét sau khi lưu</source>
        <translation>scan after saving</translation>
    </message>
    <message>
        <source>Giấy tờ khác</source>
        <translation>Other paper</translation>
    </message>
</context>
<context>
    <name>CounterRefusal</name>
    <message>
        <source>Từ chối tiếp nhận (Mẫu 03)</source>
        <translation>Refuse at the counter (Form 03)</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận tại quầy (Mẫu 03)</source>
        <translation>Refusal at the counter (Form 03)</translation>
    </message>
    <message>
        <source>Lý do từ chối (không cấp mã hồ sơ, không vào sổ):</source>
        <translation>Reason for refusing (no dossier code, no book entry):</translation>
    </message>
    <message>
        <source>Phiếu từ chối tiếp nhận giải quyết hồ sơ</source>
        <translation>Refusal slip (Form 03)</translation>
    </message>
    <message>
        <source>Đã lập Phiếu từ chối tiếp nhận (Mẫu 03); hồ sơ không được tiếp nhận.</source>
        <translation>Refusal slip (Form 03) issued; the dossier was not received.</translation>
    </message>
    <message>
        <source>lập phiếu từ chối</source>
        <translation>issue the refusal slip</translation>
    </message>
</context>
<context>
    <name>DigitiseDialog</name>
    <message>
        <source>Ảnh quét và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</source>
        <translation>Scanned images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <source>Số hóa thành phần hồ sơ</source>
        <translation>Digitise dossier components</translation>
    </message>
    <message>
        <source>Khay nạp giấy (ADF)</source>
        <translation>Document feeder (ADF)</translation>
    </message>
    <message>
        <source>&amp;Quét (F5)</source>
        <translation>&amp;Scan (F5)</translation>
    </message>
    <message>
        <source>Chọn &amp;tệp…</source>
        <translation>Choose &amp;files…</translation>
    </message>
    <message>
        <source>Theo dõi thư &amp;mục quét…</source>
        <translation>Watch a scan &amp;folder…</translation>
    </message>
    <message>
        <source>Xoay trái</source>
        <translation>Rotate left</translation>
    </message>
    <message>
        <source>Xoay phải (R)</source>
        <translation>Rotate right (R)</translation>
    </message>
    <message>
        <source>Xóa trang (Del)</source>
        <translation>Delete page (Del)</translation>
    </message>
    <message>
        <source>Quét lại trang</source>
        <translation>Rescan page</translation>
    </message>
    <message>
        <source>Phóng to (Enter)</source>
        <translation>Zoom (Enter)</translation>
    </message>
    <message>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Chứng thư số…</source>
        <translation>Certificate…</translation>
    </message>
    <message>
        <source>&amp;Lưu bản số hóa (Ctrl+S)</source>
        <translation>&amp;Store digitised copy (Ctrl+S)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Không thấy máy quét</source>
        <translation>No scanner found</translation>
    </message>
    <message>
        <source>tìm máy quét</source>
        <translation>find the scanner</translation>
    </message>
    <message>
        <source>Chưa có máy quét: hãy chọn tệp hoặc thư mục quét.</source>
        <translation>No scanner: choose files or a scan folder.</translation>
    </message>
    <message>
        <source>Đang quét…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <source>quét</source>
        <translation>scan</translation>
    </message>
    <message>
        <source>Chọn ảnh quét hoặc PDF</source>
        <translation>Choose scanned images or PDF</translation>
    </message>
    <message>
        <source>Đang đọc tệp…</source>
        <translation>Reading files…</translation>
    </message>
    <message>
        <source>đọc tệp</source>
        <translation>read the files</translation>
    </message>
    <message>
        <source>Thư mục máy quét lưu ảnh</source>
        <translation>The folder the scanner saves into</translation>
    </message>
    <message>
        <source>Đang theo dõi thư mục {folder}</source>
        <translation>Watching the folder {folder}</translation>
    </message>
    <message>
        <source>Đang làm sạch trang…</source>
        <translation>Cleaning pages…</translation>
    </message>
    <message>
        <source>làm sạch trang</source>
        <translation>clean the pages</translation>
    </message>
    <message>
        <source>Trang {n}</source>
        <translation>Page {n}</translation>
    </message>
    <message>
        <source> — trắng</source>
        <translation> — blank</translation>
    </message>
    <message>
        <source>Chọn một trang để quét lại.</source>
        <translation>Choose a page to rescan.</translation>
    </message>
    <message>
        <source>phóng to trang</source>
        <translation>zoom the page</translation>
    </message>
    <message>
        <source>Ký bằng token: {name}</source>
        <translation>Signing with the token: {name}</translation>
    </message>
    <message>
        <source>Ký bằng: {name}</source>
        <translation>Signing with: {name}</translation>
    </message>
    <message>
        <source>Chọn thành phần hồ sơ cần số hóa.</source>
        <translation>Choose the dossier component to digitise.</translation>
    </message>
    <message>
        <source>Chưa có trang nào sẵn sàng để lưu.</source>
        <translation>No page is ready to store yet.</translation>
    </message>
    <message>
        <source>Đang lưu và ký số…</source>
        <translation>Storing and signing…</translation>
    </message>
    <message>
        <source>lưu bản số hóa</source>
        <translation>store the digitised copy</translation>
    </message>
    <message>
        <source>Đã lưu {n} trang{signed}.</source>
        <translation>Stored {n} pages{signed}.</translation>
    </message>
    <message>
        <source>, ký số bởi {s}</source>
        <translation>, signed by {s}</translation>
    </message>
    <message>
        <source>, chưa ký số</source>
        <translation>, not signed</translation>
    </message>
    <message>
        <source>Đã quét {n} trang…</source>
        <translation>Scanned {n} pages…</translation>
    </message>
</context>
<context>
    <name>DossierDialog</name>
    <message>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>In biên nhận</source>
        <translation>Receipt printed</translation>
    </message>
    <message>
        <source>Hồ sơ {code}</source>
        <translation>Dossier {code}</translation>
    </message>
    <message>
        <source> — QUÁ HẠN</source>
        <translation> — LATE</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Nhận lúc</source>
        <translation>Received at</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Đang ở</source>
        <translation>Now with</translation>
    </message>
    <message>
        <source>Phí, lệ phí</source>
        <translation>Fees and charges</translation>
    </message>
    <message>
        <source>Số bộ</source>
        <translation>Sets</translation>
    </message>
    <message>
        <source>Sổ theo dõi</source>
        <translation>Tracking book</translation>
    </message>
    <message>
        <source>Quyển {volume}, số {entry}</source>
        <translation>Volume {volume}, entry {entry}</translation>
    </message>
    <message>
        <source>Số lần in biên nhận</source>
        <translation>Receipt printings</translation>
    </message>
    <message>
        <source>Người ủy quyền</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source> — đã số hóa</source>
        <translation> — digitised</translation>
    </message>
    <message>
        <source>Thành phần</source>
        <translation>Components</translation>
    </message>
    <message>
        <source>Quá trình</source>
        <translation>History</translation>
    </message>
    <message>
        <source>⚠ Hồ sơ sắp hoặc đã quá hạn mà chưa có kết quả: hãy lập Văn bản xin lỗi và hẹn lại ngày trả (Mẫu 04).</source>
        <translation>⚠ This dossier is late or about to be, with no result yet: write the apology letter with a new appointment date (Form 04).</translation>
    </message>
    <message>
        <source>Số &amp;hóa thành phần… (Ctrl+D)</source>
        <translation>&amp;Digitise components… (Ctrl+D)</translation>
    </message>
    <message>
        <source>Số hóa &amp;kết quả (PDF)…</source>
        <translation>Digitise the &amp;result (PDF)…</translation>
    </message>
    <message>
        <source>&amp;In lại biên nhận (Ctrl+P)</source>
        <translation>&amp;Reprint receipt (Ctrl+P)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Chọn bản số hóa của kết quả</source>
        <translation>Choose the digitised result</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Đã lưu bản số hóa của kết quả.</source>
        <translation>The digitised result was stored.</translation>
    </message>
    <message>
        <source>lưu bản số hóa kết quả</source>
        <translation>store the digitised result</translation>
    </message>
    <message>
        <source>in lại biên nhận</source>
        <translation>reprint the receipt</translation>
    </message>
    <message>
        <source>Đọc chip thẻ căn cước</source>
        <translation>ID card chip read</translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <source>Tìm theo mã hồ sơ, tên người nộp (không cần dấu), số định danh, điện thoại (Ctrl+F)</source>
        <translation>Search by dossier code, applicant&apos;s name (accents optional), ID number, phone (Ctrl+F)</translation>
    </message>
    <message>
        <source>Mọi tình trạng</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Mọi thủ tục</source>
        <translation>Any procedure</translation>
    </message>
    <message>
        <source>Nhận từ</source>
        <translation>Received from</translation>
    </message>
    <message>
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Màu: đỏ = quá hạn, vàng = đến hạn hôm nay, xanh = đã trả, xám = chờ công dân. Enter để mở hồ sơ.</source>
        <translation>Colours: red = late, yellow = due today, green = returned, grey = waiting for the citizen. Enter opens the dossier.</translation>
    </message>
    <message>
        <source>Ngày bắt đầu đang sau ngày kết thúc: hãy sửa khoảng ngày.</source>
        <translation>The start date is after the end date: correct the date range.</translation>
    </message>
    <message>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>{n} hồ sơ</source>
        <translation>{n} dossiers</translation>
    </message>
    <message>
        <source>tìm hồ sơ</source>
        <translation>search dossiers</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Ngày nhận</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>(đã xóa)</source>
        <translation>(deleted)</translation>
    </message>
    <message>
        <source>{label} — QUÁ HẠN</source>
        <translation>{label} — LATE</translation>
    </message>
    <message>
        <source>{label} — đến hạn hôm nay</source>
        <translation>{label} — due today</translation>
    </message>
</context>
<context>
    <name>FeeAccountDialog</name>
    <message>
        <source>Tài khoản nhận phí, lệ phí</source>
        <translation>Fee account</translation>
    </message>
    <message>
        <source>Tài khoản của xã in trong mã VietQR; ký hiệu in trên biên lai.</source>
        <translation>The commune&apos;s account goes into the VietQR code; the symbols onto the receipt.</translation>
    </message>
    <message>
        <source>Mã &amp;BIN ngân hàng (6 số)</source>
        <translation>Bank &amp;BIN (6 digits)</translation>
    </message>
    <message>
        <source>&amp;Số tài khoản</source>
        <translation>Account &amp;number</translation>
    </message>
    <message>
        <source>&amp;Tên chủ tài khoản</source>
        <translation>Account &amp;holder</translation>
    </message>
    <message>
        <source>Tên &amp;ngân hàng</source>
        <translation>Bank na&amp;me</translation>
    </message>
    <message>
        <source>&amp;Mã số thuế đơn vị thu</source>
        <translation>Collecting unit&apos;s &amp;tax code</translation>
    </message>
    <message>
        <source>&amp;Ký hiệu mẫu biên lai</source>
        <translation>Receipt &amp;form symbol</translation>
    </message>
    <message>
        <source>Chữ đầu ký &amp;hiệu biên lai</source>
        <translation>Receipt &amp;series prefix</translation>
    </message>
</context>
<context>
    <name>FeePanel</name>
    <message>
        <source>Bản chính cần chứng thực (mỗi bản chính một dòng: số trang, số bản sao)</source>
        <translation>Originals to certify (one row per original: pages, copies)</translation>
    </message>
    <message>
        <source>Tên giấy tờ</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Số trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Số bản sao</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>+ Thêm bản chính</source>
        <translation>+ Add an original</translation>
    </message>
    <message>
        <source>Bỏ dòng đang chọn</source>
        <translation>Remove the selected row</translation>
    </message>
    <message>
        <source>Không miễn</source>
        <translation>No exemption</translation>
    </message>
    <message>
        <source>Miễn phí, lệ phí (lý do)</source>
        <translation>Fee exemption (reason)</translation>
    </message>
</context>
<context>
    <name>FolderWatch</name>
    <message>
        <source>ghi nhớ tệp đã nhập</source>
        <translation>remember the imported files</translation>
    </message>
    <message>
        <source>đọc thư mục quét</source>
        <translation>read the scan folder</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>lưu</source>
        <translation>save</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Chưa có hướng dẫn: thiếu tệp {name}.</source>
        <translation>No guide yet: the file {name} is missing.</translation>
    </message>
    <message>
        <source>Hướng dẫn — {title}</source>
        <translation>Guide — {title}</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>Đặt con trỏ vào đây rồi quét mã QR trên thẻ căn cước (F2)</source>
        <translation>Put the cursor here, then scan the QR code on the ID card (F2)</translation>
    </message>
    <message>
        <source>Mã QR thẻ căn cước</source>
        <translation>ID card QR code</translation>
    </message>
    <message>
        <source>Người nộp hồ sơ</source>
        <translation>The applicant</translation>
    </message>
    <message>
        <source>Nộp &amp;thay theo ủy quyền</source>
        <translation>Submitted &amp;on behalf (authorised)</translation>
    </message>
    <message>
        <source>Số, ngày của giấy ủy quyền</source>
        <translation>Number and date of the authorisation</translation>
    </message>
    <message>
        <source>Giấy ủy quyền *</source>
        <translation>Authorisation *</translation>
    </message>
    <message>
        <source>Người ủy quyền (người có yêu cầu)</source>
        <translation>Principal (the person requesting)</translation>
    </message>
    <message>
        <source>Nội dung yêu cầu giải quyết (thủ tục)</source>
        <translation>Request (procedure)</translation>
    </message>
    <message>
        <source>+ Thêm giấy tờ khác</source>
        <translation>+ Add another paper</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier component</translation>
    </message>
    <message>
        <source>Mặc định: Bộ phận Một cửa</source>
        <translation>Default: the one-stop desk</translation>
    </message>
    <message>
        <source>Trực tiếp tại Bộ phận Một cửa</source>
        <translation>In person at the one-stop desk</translation>
    </message>
    <message>
        <source>Qua dịch vụ bưu chính</source>
        <translation>By postal service</translation>
    </message>
    <message>
        <source>Số bộ hồ sơ</source>
        <translation>Sets of papers</translation>
    </message>
    <message>
        <source>Nơi nhận kết quả</source>
        <translation>Where the result is collected</translation>
    </message>
    <message>
        <source>Hình thức nộp</source>
        <translation>How submitted</translation>
    </message>
    <message>
        <source>Lưu và in biên nhận (Ctrl+S)</source>
        <translation>Save and print the receipt (Ctrl+S)</translation>
    </message>
    <message>
        <source>Phí, lệ phí: —</source>
        <translation>Fees and charges: —</translation>
    </message>
    <message>
        <source>Hẹn trả kết quả: chọn thủ tục để tính</source>
        <translation>Result due: choose a procedure to compute it</translation>
    </message>
    <message>
        <source>Đã khôi phục hồ sơ đang nhập dở lúc {time} (máy tắt hoặc phần mềm đóng đột ngột). Kiểm tra lại rồi lưu, hoặc Ctrl+N để bỏ.</source>
        <translation>Restored the dossier being entered at {time} (the PC went off or the program closed suddenly). Check it and save, or Ctrl+N to discard.</translation>
    </message>
    <message>
        <source>Đang lưu hồ sơ…</source>
        <translation>Saving the dossier…</translation>
    </message>
    <message>
        <source>Đã lưu hồ sơ {code}. Hẹn trả {due}.</source>
        <translation>Dossier {code} saved. Result due {due}.</translation>
    </message>
    <message>
        <source>lưu hồ sơ</source>
        <translation>save the dossier</translation>
    </message>
    <message>
        <source>✓ dùng lại</source>
        <translation>✓ reused</translation>
    </message>
    <message>
        <source> Đã dùng lại {n} giấy tờ đã số hóa.</source>
        <translation> Reused {n} digitised papers.</translation>
    </message>
    <message>
        <source>dùng lại giấy tờ đã số hóa</source>
        <translation>reuse digitised papers</translation>
    </message>
    <message>
        <source>Phí, lệ phí: {fee}</source>
        <translation>Fees and charges: {fee}</translation>
    </message>
    <message>
        <source>Hẹn trả kết quả: {when} ({processing})</source>
        <translation>Result due: {when} ({processing})</translation>
    </message>
</context>
<context>
    <name>KnownApplicantBanner</name>
    <message>
        <source>&amp;Dùng thông tin này</source>
        <translation>&amp;Use these details</translation>
    </message>
    <message>
        <source>Công dân đã có {n} hồ sơ tại quầy. Thông tin gần nhất ({when}): {name}, {address}{phone}.</source>
        <translation>The citizen already has {n} dossiers at this desk. Latest details ({when}): {name}, {address}{phone}.</translation>
    </message>
    <message>
        <source>, ĐT {phone}</source>
        <translation>, phone {phone}</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Màn hình đã khóa</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>Màn hình khóa sau thời gian không dùng. {name} ({user}) nhập mật khẩu để tiếp tục; công việc đang làm dở vẫn giữ nguyên.</source>
        <translation>The screen locked after a time unused. {name} ({user}), enter your password to go on; unsaved work is kept as it was.</translation>
    </message>
    <message>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Mật khẩu không đúng.</source>
        <translation>Wrong password.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Đăng nhập — Một cửa</source>
        <translation>Sign in — One-stop desk</translation>
    </message>
    <message>
        <source>Đăng nhập để mở dữ liệu của quầy.</source>
        <translation>Sign in to open the desk&apos;s data.</translation>
    </message>
    <message>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Mã khôi phục</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <source>MÃ KHÔI PHỤC — chỉ hiện một lần. Hãy chép tay hoặc in ra, cất nơi an toàn, không lưu trong máy này. Khi quên mật khẩu quản trị, chỉ mã này mở lại được dữ liệu:</source>
        <translation>RECOVERY CODE — shown only once. Copy it by hand or print it, keep it somewhere safe, not on this PC. If the administrator password is forgotten, only this code opens the data again:</translation>
    </message>
</context>
<context>
    <name>LookupField</name>
    <message>
        <source>&amp;Kiểm tra</source>
        <translation>&amp;Check</translation>
    </message>
    <message>
        <source>Đang hỏi {url}…</source>
        <translation>Asking {url}…</translation>
    </message>
    <message>
        <source>✓ {url} trả lời: mã QR trên giấy tờ sẽ mở trang tra cứu này.</source>
        <translation>✓ {url} answers: the QR code on the papers will open this look-up page.</translation>
    </message>
    <message>
        <source>kiểm tra địa chỉ tra cứu</source>
        <translation>check the look-up address</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Đã sao lưu dữ liệu quầy lúc {time} vào {folder}.</source>
        <translation>Backed up the desk&apos;s data at {time} into {folder}.</translation>
    </message>
    <message>
        <source>sao lưu</source>
        <translation>back up</translation>
    </message>
    <message>
        <source>kiểm tra dữ liệu</source>
        <translation>check the data</translation>
    </message>
    <message>
        <source>Quầy đã mở trên thư mục dữ liệu {folder}: cửa sổ đó được đưa lên trước.</source>
        <translation>The desk is already open on the data folder {folder}: that window was brought forward.</translation>
    </message>
    <message>
        <source>Một cửa — {unit} — Quầy {n}</source>
        <translation>One-stop desk — {unit} — Desk {n}</translation>
    </message>
    <message>
        <source> — DỮ LIỆU MẪU</source>
        <translation> — DEMO DATA</translation>
    </message>
    <message>
        <source>Tiếp nhận  (Ctrl+N)</source>
        <translation>Intake  (Ctrl+N)</translation>
    </message>
    <message>
        <source>Hồ sơ  (Ctrl+F)</source>
        <translation>Dossiers  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Hôm nay  (Ctrl+T)</source>
        <translation>Today  (Ctrl+T)</translation>
    </message>
    <message>
        <source>Báo cáo  (Ctrl+R)</source>
        <translation>Reports  (Ctrl+R)</translation>
    </message>
    <message>
        <source>Đồng bộ  (Ctrl+Y)</source>
        <translation>Sync  (Ctrl+Y)</translation>
    </message>
    <message>
        <source>Cán bộ, sao lưu  (Ctrl+U)</source>
        <translation>Officers, backup  (Ctrl+U)</translation>
    </message>
    <message>
        <source>Cài đặt  (Ctrl+,)</source>
        <translation>Settings  (Ctrl+,)</translation>
    </message>
    <message>
        <source>Cán bộ: {name}</source>
        <translation>Officer: {name}</translation>
    </message>
    <message>
        <source>Quầy {n}</source>
        <translation>Desk {n}</translation>
    </message>
    <message>
        <source>DỮ LIỆU MẪU</source>
        <translation>DEMO DATA</translation>
    </message>
    <message>
        <source>Hôm nay  (Ctrl+T)
{due} đến hạn · {late} quá hạn · {ready} chờ trả</source>
        <translation>Today  (Ctrl+T)
{due} due · {late} late · {ready} to hand back</translation>
    </message>
    <message>
        <source>mở hồ sơ</source>
        <translation>open the dossier</translation>
    </message>
    <message>
        <source>Đầu đọc thẻ: chưa cắm</source>
        <translation>Card reader: not plugged in</translation>
    </message>
    <message>
        <source>Đầu đọc thẻ: sẵn sàng, chưa có thẻ</source>
        <translation>Card reader: ready, no card</translation>
    </message>
    <message>
        <source>Đầu đọc thẻ: có thẻ — bấm F3 để đọc</source>
        <translation>Card reader: card present — press F3 to read</translation>
    </message>
    <message>
        <source>Danh sách CSCA của tỉnh: chưa nhận qua đồng bộ</source>
        <translation>Province CSCA trust list: not received through sync yet</translation>
    </message>
    <message>
        <source>Danh sách CSCA của tỉnh: phiên bản {version} ({n} chứng thư)</source>
        <translation>Province CSCA trust list: version {version} ({n} certificates)</translation>
    </message>
    <message>
        <source>Đầu đọc thẻ: không rõ</source>
        <translation>Card reader: unknown</translation>
    </message>
</context>
<context>
    <name>OfficersPage</name>
    <message>
        <source>Đang đăng nhập: {name} ({username}), {role}</source>
        <translation>Signed in: {name} ({username}), {role}</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Đổi &amp;mật khẩu của tôi…</source>
        <translation>Change &amp;my password…</translation>
    </message>
    <message>
        <source>&amp;Thêm cán bộ…</source>
        <translation>&amp;Add officer…</translation>
    </message>
    <message>
        <source>Đặt &amp;lại mật khẩu…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <source>Th&amp;u hồi…</source>
        <translation>Re&amp;voke…</translation>
    </message>
    <message>
        <source>&amp;Sao lưu ngay</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>đọc danh sách cán bộ</source>
        <translation>read the list of officers</translation>
    </message>
    <message>
        <source>cấp huyện</source>
        <translation>district</translation>
    </message>
    <message>
        <source>tại quầy</source>
        <translation>at this desk</translation>
    </message>
    <message>
        <source>đã thu hồi {day}</source>
        <translation>revoked {day}</translation>
    </message>
    <message>
        <source>đang dùng</source>
        <translation>active</translation>
    </message>
    <message>
        <source>Bản sao lưu gần nhất: {time}, {n} hồ sơ, tại {folder}</source>
        <translation>Latest backup: {time}, {n} dossiers, in {folder}</translation>
    </message>
    <message>
        <source>Chưa có bản sao lưu nào.</source>
        <translation>No backup yet.</translation>
    </message>
    <message>
        <source>Hãy chọn một cán bộ trong danh sách.</source>
        <translation>Choose an officer in the list.</translation>
    </message>
    <message>
        <source>Đã đổi mật khẩu.</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <source>Đã thêm tài khoản «{u}».</source>
        <translation>Account «{u}» added.</translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Mật khẩu tạm cho «{u}» (đổi ở lần đăng nhập sau):</source>
        <translation>Temporary password for «{u}» (to change at the next sign-in):</translation>
    </message>
    <message>
        <source>Đã đặt lại mật khẩu của «{u}».</source>
        <translation>Password of «{u}» reset.</translation>
    </message>
    <message>
        <source>đặt lại mật khẩu</source>
        <translation>reset the password</translation>
    </message>
    <message>
        <source>Thu hồi tài khoản</source>
        <translation>Revoke account</translation>
    </message>
    <message>
        <source>Lý do thu hồi tài khoản «{u}»:</source>
        <translation>Reason for revoking the account «{u}»:</translation>
    </message>
    <message>
        <source>Thu hồi «{u}»? Cán bộ này sẽ không đăng nhập được nữa.</source>
        <translation>Revoke «{u}»? This officer will no longer be able to sign in.</translation>
    </message>
    <message>
        <source>thu hồi tài khoản</source>
        <translation>revoke the account</translation>
    </message>
    <message>
        <source>Đã thu hồi tài khoản «{u}». Khóa dữ liệu sẽ được thay khi đóng phần mềm.</source>
        <translation>Account “{u}” revoked. The data key will be replaced when the program closes.</translation>
    </message>
    <message>
        <source>Các tài khoản chưa đăng nhập lại từ khi nâng cấp sẽ phải đặt lại mật khẩu: {names}.</source>
        <translation>Accounts not signed in since the upgrade will need a password reset: {names}.</translation>
    </message>
    <message>
        <source>Mã khôi phục mới</source>
        <translation>New recovery code</translation>
    </message>
    <message>
        <source>Mã khôi phục mới của quầy (mã cũ hết hiệu lực). Hãy chép hoặc in ra và cất giữ xa máy tính:

{code}</source>
        <translation>The desk&apos;s new recovery code (the old one no longer works). Copy or print it and keep it away from the PC:

{code}</translation>
    </message>
    <message>
        <source>Đang sao lưu…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Đã sao lưu {n} hồ sơ vào {path}.</source>
        <translation>Backed up {n} dossiers into {path}.</translation>
    </message>
    <message>
        <source>sao lưu</source>
        <translation>back up</translation>
    </message>
</context>
<context>
    <name>PageZoom</name>
    <message>
        <source>Xem trang</source>
        <translation>Page view</translation>
    </message>
</context>
<context>
    <name>PaperPreviewDialog</name>
    <message>
        <source>&amp;In (Ctrl+P)</source>
        <translation>&amp;Print (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Lưu PDF…</source>
        <translation>&amp;Save PDF…</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>in giấy tờ</source>
        <translation>print the paper</translation>
    </message>
    <message>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Không ghi được tệp {file}: thư mục không có hoặc không được ghi. Hãy chọn nơi lưu khác rồi bấm In lần nữa.</source>
        <translation>Could not write the file {file}: the folder does not exist or cannot be written. Choose another place, then press Print again.</translation>
    </message>
    <message>
        <source>Máy in chưa sẵn sàng: hãy kiểm tra máy in đã bật, còn giấy và đã chọn đúng máy in, rồi bấm In lần nữa.</source>
        <translation>The printer is not ready: check that it is on, has paper and is the one chosen, then press Print again.</translation>
    </message>
    <message>
        <source> (bản in lại)</source>
        <translation> (reprint)</translation>
    </message>
    <message>
        <source>Đã gửi lệnh in{note}.</source>
        <translation>Sent to the printer{note}.</translation>
    </message>
    <message>
        <source>Lưu tệp PDF</source>
        <translation>Save PDF file</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>lưu tệp PDF</source>
        <translation>save the PDF file</translation>
    </message>
    <message>
        <source>Đã lưu {path}</source>
        <translation>Saved {path}</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Bạn đang dùng mật khẩu tạm: hãy đặt mật khẩu riêng.</source>
        <translation>You are using a temporary password: choose your own.</translation>
    </message>
    <message>
        <source>Mật khẩu &amp;hiện tại</source>
        <translation>&amp;Current password</translation>
    </message>
    <message>
        <source>Mật khẩu &amp;mới</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <source>&amp;Nhập lại</source>
        <translation>&amp;Repeat</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu mới không khớp.</source>
        <translation>The two new passwords do not match.</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Thu phí, lệ phí</source>
        <translation>Take a fee</translation>
    </message>
    <message>
        <source>Mã hồ sơ, rồi Enter</source>
        <translation>Dossier code, then Enter</translation>
    </message>
    <message>
        <source>&amp;Tiền mặt</source>
        <translation>&amp;Cash</translation>
    </message>
    <message>
        <source>&amp;Chuyển khoản (VietQR)</source>
        <translation>Bank &amp;transfer (VietQR)</translation>
    </message>
    <message>
        <source>Đã nhận tiền — cấp &amp;biên lai (Ctrl+Enter)</source>
        <translation>Money received — issue the &amp;receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Đã thu — biên lai {series} số {number:07d}</source>
        <translation>Paid — receipt {series} no. {number:07d}</translation>
    </message>
    <message>
        <source>Đã thu tại quầy {desk} — biên lai {series} số {number:07d}</source>
        <translation>Paid at desk {desk} — receipt {series} no. {number:07d}</translation>
    </message>
    <message>
        <source>{amount}, ngày {day}; không thu lần nữa.</source>
        <translation>{amount}, on {day}; not to be taken again.</translation>
    </message>
    <message>
        <source>Chưa có mức thu</source>
        <translation>Amount not set</translation>
    </message>
    <message>
        <source>Mức thu của khoản phí này do HĐND tỉnh quy định và quầy chưa có. Quản trị viên nhập mức thu tại Cài đặt → Phí, lệ phí do tỉnh quy định (hoặc lệnh desk-app fees set-amount). Hồ sơ vẫn được tiếp nhận bình thường; thu phí sau khi có mức thu.</source>
        <translation>The province&apos;s council sets the amount of this fee and this desk does not have it yet. An administrator types it in Settings → Fees the province sets (or the command desk-app fees set-amount). The dossier is received as usual; take the fee once the amount is set.</translation>
    </message>
    <message>
        <source>Không có khoản phải nộp</source>
        <translation>Nothing to pay</translation>
    </message>
    <message>
        <source>Biên lai thu phí, lệ phí {series} {number:07d}</source>
        <translation>Fee receipt {series} {number:07d}</translation>
    </message>
    <message>
        <source>&amp;In hai liên (Ctrl+P)</source>
        <translation>&amp;Print two copies (Ctrl+P)</translation>
    </message>
    <message>
        <source>thu phí</source>
        <translation>take the fee</translation>
    </message>
</context>
<context>
    <name>PersonFields</name>
    <message>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <source>ngày/tháng/năm</source>
        <translation>day/month/year</translation>
    </message>
    <message>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Cá nhân (số định danh)</source>
        <translation>Person (ID number)</translation>
    </message>
    <message>
        <source>Tổ chức (mã số thuế)</source>
        <translation>Organisation (tax code)</translation>
    </message>
    <message>
        <source>Người nước ngoài (hộ chiếu)</source>
        <translation>Foreigner (passport)</translation>
    </message>
    <message>
        <source>Họ và tên *</source>
        <translation>Full name *</translation>
    </message>
    <message>
        <source>Số định danh *</source>
        <translation>ID number *</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Cá nhân/tổ chức</source>
        <translation>Person/organisation</translation>
    </message>
    <message>
        <source>Địa chỉ *</source>
        <translation>Address *</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>10 chữ số, hoặc 10 chữ số-3 chữ số</source>
        <translation>10 digits, or 10 digits-3 digits</translation>
    </message>
    <message>
        <source>số hộ chiếu</source>
        <translation>passport number</translation>
    </message>
</context>
<context>
    <name>PrinterChoice</name>
    <message>
        <source>Máy in mặc định của hệ thống</source>
        <translation>The system&apos;s default printer</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <source>Tìm thủ tục theo tên hoặc mã (gõ không dấu cũng được)</source>
        <translation>Find a procedure by name or code (accents optional)</translation>
    </message>
</context>
<context>
    <name>ProvinceFeesBox</name>
    <message>
        <source>Phí, lệ phí do tỉnh quy định</source>
        <translation>Fees the province sets</translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Mức thu mỗi bộ</source>
        <translation>Amount per set</translation>
    </message>
    <message>
        <source>Căn cứ</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>số đồng, ví dụ 8.000</source>
        <translation>amount, e.g. 8.000</translation>
    </message>
    <message>
        <source>căn cứ, ví dụ số nghị quyết của HĐND tỉnh</source>
        <translation>basis, e.g. the province council&apos;s resolution</translation>
    </message>
    <message>
        <source>Lưu &amp;mức thu</source>
        <translation>Save the &amp;amount</translation>
    </message>
    <message>
        <source>Chỉ quản trị nhập được mức thu.</source>
        <translation>Only an administrator can set amounts.</translation>
    </message>
    <message>
        <source>Chọn thủ tục, nhập mức thu tỉnh quy định; các quầy khác của xã nhận khi đồng bộ. Mức cấp trên công bố được áp dụng thay.</source>
        <translation>Pick a procedure and type the amount the province set; the commune&apos;s other desks get it when they sync. An amount published upstream applies instead.</translation>
    </message>
    <message>
        <source>đọc mức thu</source>
        <translation>read the amounts</translation>
    </message>
    <message>
        <source>Quầy này</source>
        <translation>This desk</translation>
    </message>
    <message>
        <source>Quầy khác của xã</source>
        <translation>Another desk of the commune</translation>
    </message>
    <message>
        <source>Cấp trên công bố</source>
        <translation>Published upstream</translation>
    </message>
    <message>
        <source>Chưa có mức thu</source>
        <translation>Amount not set</translation>
    </message>
    <message>
        <source>Chọn một thủ tục trong bảng.</source>
        <translation>Pick a procedure in the table.</translation>
    </message>
    <message>
        <source>Đã ghi; các quầy khác của xã nhận khi đồng bộ.</source>
        <translation>Saved; the commune&apos;s other desks get it when they sync.</translation>
    </message>
    <message>
        <source>ghi mức thu</source>
        <translation>save the amount</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <source>Giấy tiếp nhận hồ sơ {code}</source>
        <translation>Dossier receipt {code}</translation>
    </message>
    <message>
        <source>&amp;In hai liên (Ctrl+P)</source>
        <translation>&amp;Print two copies (Ctrl+P)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Quý</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>6 tháng</source>
        <translation>Half year</translation>
    </message>
    <message>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>2026-Q1, 2026-H1, 2026-03 hoặc 2026</source>
        <translation>2026-Q1, 2026-H1, 2026-03 or 2026</translation>
    </message>
    <message>
        <source>&amp;Lập báo cáo</source>
        <translation>&amp;Make the report</translation>
    </message>
    <message>
        <source>Xuất &amp;Excel…</source>
        <translation>Export &amp;Excel…</translation>
    </message>
    <message>
        <source>Xuất &amp;PDF…</source>
        <translation>Export &amp;PDF…</translation>
    </message>
    <message>
        <source>Kỳ báo cáo:</source>
        <translation>Reporting period:</translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Kết quả giải quyết trong kỳ</source>
        <translation>Results within the period</translation>
    </message>
    <message>
        <source>Số hóa và hài lòng</source>
        <translation>Digitisation and satisfaction</translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ (Mẫu 07)</source>
        <translation>Dossier tracking book (Form 07)</translation>
    </message>
    <message>
        <source>Xuất sổ PDF…</source>
        <translation>Export book as PDF…</translation>
    </message>
    <message>
        <source>Xuất sổ Excel…</source>
        <translation>Export book as Excel…</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <source>lập báo cáo</source>
        <translation>make the report</translation>
    </message>
    <message>
        <source>Tháng {n} năm {year}</source>
        <translation>Month {n} of {year}</translation>
    </message>
    <message>
        <source>Quý {n} năm {year}</source>
        <translation>Quarter {n} of {year}</translation>
    </message>
    <message>
        <source>6 tháng đầu năm {year}</source>
        <translation>First half of {year}</translation>
    </message>
    <message>
        <source>6 tháng cuối năm {year}</source>
        <translation>Second half of {year}</translation>
    </message>
    <message>
        <source>Năm {year}</source>
        <translation>Year {year}</translation>
    </message>
    <message>
        <source>{name} (từ {start} đến {end})</source>
        <translation>{name} (from {start} to {end})</translation>
    </message>
    <message>
        <source>TỔNG CỘNG</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Chờ bổ sung</source>
        <translation>Waiting for supplement</translation>
    </message>
    <message>
        <source>Số hóa đủ (%)</source>
        <translation>Fully digitised (%)</translation>
    </message>
    <message>
        <source>Kết quả số hóa (%)</source>
        <translation>Results digitised (%)</translation>
    </message>
    <message>
        <source>Hài lòng (%)</source>
        <translation>Satisfied (%)</translation>
    </message>
    <message>
        <source>Xuất báo cáo</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>Đã ghi {path}</source>
        <translation>Wrote {path}</translation>
    </message>
    <message>
        <source>xuất báo cáo</source>
        <translation>export the report</translation>
    </message>
    <message>
        <source>Xuất Sổ theo dõi hồ sơ</source>
        <translation>Export the dossier tracking book</translation>
    </message>
    <message>
        <source>Đang xuất sổ…</source>
        <translation>Exporting the book…</translation>
    </message>
    <message>
        <source>Đã ghi sổ ({n} hồ sơ) vào {path}</source>
        <translation>Wrote the book ({n} dossiers) to {path}</translation>
    </message>
    <message>
        <source>xuất sổ theo dõi</source>
        <translation>export the tracking book</translation>
    </message>
</context>
<context>
    <name>ReusePapers</name>
    <message>
        <source>Giấy tờ đã số hóa của công dân còn hiệu lực — đánh dấu để dùng lại</source>
        <translation>The citizen&apos;s digitised papers still valid — tick to reuse</translation>
    </message>
</context>
<context>
    <name>ScannerTest</name>
    <message>
        <source>&amp;Tìm máy quét</source>
        <translation>&amp;Find scanners</translation>
    </message>
    <message>
        <source>&amp;Quét thử một trang</source>
        <translation>&amp;Test scan one page</translation>
    </message>
    <message>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <source>Thấy {n} máy quét. Đặt một trang lên máy rồi quét thử.</source>
        <translation>Found {n} scanners. Put a page on the scanner and test it.</translation>
    </message>
    <message>
        <source>Không thấy máy quét. Kiểm tra cáp và nguồn rồi tìm lại; vẫn số hóa được bằng tệp hoặc thư mục quét.</source>
        <translation>No scanner found. Check the cable and power, then look again; files or a scan folder still work for digitising.</translation>
    </message>
    <message>
        <source>tìm máy quét</source>
        <translation>find the scanner</translation>
    </message>
    <message>
        <source>Đang quét thử…</source>
        <translation>Test scanning…</translation>
    </message>
    <message>
        <source>Máy quét không trả về trang nào: hãy đặt giấy lên máy rồi quét lại.</source>
        <translation>The scanner returned no page: put paper on it and scan again.</translation>
    </message>
    <message>
        <source>Máy quét hoạt động: trang quét thử ở bên phải.</source>
        <translation>The scanner works: the test page is on the right.</translation>
    </message>
    <message>
        <source>quét thử</source>
        <translation>test scan</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>&amp;Lưu cài đặt của xã</source>
        <translation>&amp;Save the commune&apos;s settings</translation>
    </message>
    <message>
        <source>Chỉ quản trị đổi được cài đặt của xã.</source>
        <translation>Only an administrator can change the commune&apos;s settings.</translation>
    </message>
    <message>
        <source>Xã và quầy</source>
        <translation>Commune and desk</translation>
    </message>
    <message>
        <source>Máy chủ cấp trên và đăng ký quầy: trang Đồng bộ (Ctrl+Y). Tài khoản và mật khẩu: trang Cán bộ (Ctrl+U).</source>
        <translation>The district server and enrolment: the Sync page (Ctrl+Y). Accounts and passwords: the Officers page (Ctrl+U).</translation>
    </message>
    <message>
        <source>Máy in và máy quét của máy này</source>
        <translation>This PC&apos;s printer and scanner</translation>
    </message>
    <message>
        <source>Máy &amp;in</source>
        <translation>&amp;Printer</translation>
    </message>
    <message>
        <source>Máy &amp;quét</source>
        <translation>S&amp;canner</translation>
    </message>
    <message>
        <source> điểm</source>
        <translation> points</translation>
    </message>
    <message>
        <source>Hiển thị trên máy này</source>
        <translation>Display on this PC</translation>
    </message>
    <message>
        <source>&amp;Cỡ chữ</source>
        <translation>&amp;Text size</translation>
    </message>
    <message>
        <source>&amp;Ngôn ngữ</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Đã lưu cài đặt của xã.</source>
        <translation>The commune&apos;s settings are saved.</translation>
    </message>
    <message>
        <source>lưu cài đặt</source>
        <translation>save the settings</translation>
    </message>
    <message>
        <source>Chưa có bản dịch cho ngôn ngữ này: phần mềm vẫn hiện tiếng Việt.</source>
        <translation>No translation for this language yet: the window stays in Vietnamese.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Thiết lập quầy — Một cửa</source>
        <translation>Set up the desk — One-stop desk</translation>
    </message>
    <message>
        <source>&amp;Tiếp &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Lùi</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Hoàn tất</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>{unit} ({code}), {province} — quầy số {desk}.
Máy chủ: {server}.
Quản trị: {name} ({user}).

Bấm Hoàn tất để tạo dữ liệu quầy (được mã hóa).</source>
        <translation>{unit} ({code}), {province} — desk {desk}.
Server: {server}.
Administrator: {name} ({user}).

Press Finish to create the desk&apos;s (encrypted) data.</translation>
    </message>
    <message>
        <source>làm việc ngoại tuyến</source>
        <translation>working offline</translation>
    </message>
    <message>
        <source>Chưa đăng ký được với máy chủ: {why} Quầy làm việc ngoại tuyến; đăng ký lại ở trang Đồng bộ (Ctrl+Y).</source>
        <translation>Could not enrol with the server: {why} The desk works offline; enrol again on the Sync page (Ctrl+Y).</translation>
    </message>
    <message>
        <source>Đang tạo dữ liệu quầy…</source>
        <translation>Creating the desk&apos;s data…</translation>
    </message>
    <message>
        <source>thiết lập quầy</source>
        <translation>set up the desk</translation>
    </message>
</context>
<context>
    <name>SignerPrompt</name>
    <message>
        <source>USB token</source>
        <translation>USB token</translation>
    </message>
    <message>
        <source>Tệp chứng thư số (.p12)</source>
        <translation>Certificate file (.p12)</translation>
    </message>
    <message>
        <source>Ký số bản số hóa</source>
        <translation>Digital signature of the digitised copy</translation>
    </message>
    <message>
        <source>Chữ ký số trên:</source>
        <translation>Digital signature with:</translation>
    </message>
    <message>
        <source>Trình điều khiển USB token (PKCS#11)</source>
        <translation>USB token driver (PKCS#11)</translation>
    </message>
    <message>
        <source>Thư viện PKCS#11 (*.dll *.so *.dylib)</source>
        <translation>PKCS#11 library (*.dll *.so *.dylib)</translation>
    </message>
    <message>
        <source>Tên token:</source>
        <translation>Token name:</translation>
    </message>
    <message>
        <source>Mã PIN:</source>
        <translation>PIN:</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư số</source>
        <translation>Choose the certificate file</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Mật khẩu chứng thư số</source>
        <translation>Certificate password</translation>
    </message>
    <message>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Máy chủ</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Còn chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Lần thành công gần nhất</source>
        <translation>Last success</translation>
    </message>
    <message>
        <source>Lỗi gần nhất</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>Nhật ký truy cập</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Đồng bộ &amp;ngay (F9)</source>
        <translation>Sync &amp;now (F9)</translation>
    </message>
    <message>
        <source>Đăng ký quầy với máy chủ…</source>
        <translation>Enrol the desk with the server…</translation>
    </message>
    <message>
        <source>Xuất gói USB…</source>
        <translation>Export USB pack…</translation>
    </message>
    <message>
        <source>Nhập xác nhận từ USB…</source>
        <translation>Import acknowledgement from USB…</translation>
    </message>
    <message>
        <source>Đã &amp;xử lý mục chọn</source>
        <translation>&amp;Mark the chosen item handled</translation>
    </message>
    <message>
        <source>đọc trạng thái đồng bộ</source>
        <translation>read the sync state</translation>
    </message>
    <message>
        <source>Chưa đăng ký — quầy làm việc ngoại tuyến</source>
        <translation>Not enrolled — the desk works offline</translation>
    </message>
    <message>
        <source>{url} — quầy {n} của {commune}</source>
        <translation>{url} — desk {n} of {commune}</translation>
    </message>
    <message>
        <source>{n} mục</source>
        <translation>{n} items</translation>
    </message>
    <message>
        <source>Đồng bộ: còn chờ {n}</source>
        <translation>Sync: {n} waiting</translation>
    </message>
    <message>
        <source>Làm việc ngoại tuyến — dữ liệu lưu tại máy</source>
        <translation>Working offline — data kept on this PC</translation>
    </message>
    <message>
        <source>, {n} mục lỗi chờ xử lý</source>
        <translation>, {n} failed items waiting</translation>
    </message>
    <message>
        <source>chưa có xác nhận của máy chủ</source>
        <translation>not yet acknowledged by the server</translation>
    </message>
    <message>
        <source>khớp với bản máy chủ đã xác nhận đến mục {n} ({at})</source>
        <translation>matches the server&apos;s acknowledgement through entry {n} ({at})</translation>
    </message>
    <message>
        <source>Mục lỗi chờ người xử lý: {n}</source>
        <translation>Failed items waiting for someone: {n}</translation>
    </message>
    <message>
        <source>Không có mục lỗi.</source>
        <translation>No failed items.</translation>
    </message>
    <message>
        <source>Mục {ref}</source>
        <translation>Item {ref}</translation>
    </message>
    <message>
        <source>Tệp {ref}…</source>
        <translation>File {ref}…</translation>
    </message>
    <message>
        <source>Đã đánh dấu mục lỗi là đã xử lý.</source>
        <translation>Failed item marked handled.</translation>
    </message>
    <message>
        <source>đánh dấu mục lỗi</source>
        <translation>mark the failed item</translation>
    </message>
    <message>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>đồng bộ</source>
        <translation>sync</translation>
    </message>
    <message>
        <source>Đăng ký quầy</source>
        <translation>Enrol the desk</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ:</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <source>Mã đăng ký (do quản trị máy chủ cấp):</source>
        <translation>Enrolment code (from the server&apos;s administrator):</translation>
    </message>
    <message>
        <source>Đang đăng ký…</source>
        <translation>Enrolling…</translation>
    </message>
    <message>
        <source>Đã đăng ký quầy với máy chủ.</source>
        <translation>The desk is enrolled with the server.</translation>
    </message>
    <message>
        <source>đăng ký quầy</source>
        <translation>enrol the desk</translation>
    </message>
    <message>
        <source>Ghi gói USB</source>
        <translation>Write USB pack</translation>
    </message>
    <message>
        <source>Gói dữ liệu (*.zip)</source>
        <translation>Data packs (*.zip)</translation>
    </message>
    <message>
        <source>Đã ghi gói: {n} mục, {b} tệp số hóa.</source>
        <translation>Pack written: {n} items, {b} digitised files.</translation>
    </message>
    <message>
        <source>xuất gói USB</source>
        <translation>export the USB pack</translation>
    </message>
    <message>
        <source>Tệp xác nhận của máy chủ</source>
        <translation>The server&apos;s acknowledgement file</translation>
    </message>
    <message>
        <source>Tệp xác nhận (*.json)</source>
        <translation>Acknowledgement files (*.json)</translation>
    </message>
    <message>
        <source>Máy chủ đã xác nhận đến mục {n}.</source>
        <translation>The server acknowledged up to item {n}.</translation>
    </message>
    <message>
        <source>nhập xác nhận</source>
        <translation>import the acknowledgement</translation>
    </message>
</context>
<context>
    <name>TagsForm</name>
    <message>
        <source>Giữ cả trang trắng</source>
        <translation>Keep blank pages too</translation>
    </message>
    <message>
        <source>để trống: người nộp</source>
        <translation>leave empty: the applicant</translation>
    </message>
    <message>
        <source>Chế độ màu</source>
        <translation>Colour mode</translation>
    </message>
    <message>
        <source>Loại giấy tờ</source>
        <translation>Paper type</translation>
    </message>
    <message>
        <source>Số định danh chủ giấy tờ</source>
        <translation>Owner&apos;s ID number</translation>
    </message>
    <message>
        <source>Số, ký hiệu</source>
        <translation>Number, reference</translation>
    </message>
    <message>
        <source>Cơ quan cấp</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>Ngày cấp</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>Hiệu lực đến</source>
        <translation>Valid until</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>{view}: {n} hồ sơ. Enter để mở hồ sơ.</source>
        <translation>{view}: {n} dossiers. Enter opens a dossier.</translation>
    </message>
    <message>
        <source>xem việc hôm nay</source>
        <translation>see today&apos;s work</translation>
    </message>
</context>
<context>
    <name>_AdminPage</name>
    <message>
        <source>Tài khoản quản trị</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <source>Mật khẩu này mở khóa dữ liệu của quầy (được mã hóa): hãy ghi nhớ. Sau khi hoàn tất, máy hiện một mã khôi phục để cất giữ.</source>
        <translation>This password unlocks the desk&apos;s (encrypted) data: remember it. When you finish, a recovery code is shown to keep safe.</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>&amp;Họ và tên</source>
        <translation>&amp;Full name</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu (ít nhất {n} ký tự)</source>
        <translation>&amp;Password (at least {n} characters)</translation>
    </message>
    <message>
        <source>&amp;Nhập lại mật khẩu</source>
        <translation>&amp;Repeat the password</translation>
    </message>
    <message>
        <source>Hãy nhập tên đăng nhập và họ tên người quản trị.</source>
        <translation>Enter the administrator&apos;s user name and full name.</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>_CommunePage</name>
    <message>
        <source>Xã và quầy</source>
        <translation>Commune and desk</translation>
    </message>
    <message>
        <source>Mã định danh của UBND xã (Quyết định 20/2020/QĐ-TTg), tên in trên giấy tờ, và số của quầy này (mỗi quầy trong xã một số khác nhau).</source>
        <translation>The commune&apos;s agency code (Decision 20/2020/QD-TTg), the names printed on papers, and this desk&apos;s number (each desk of the commune a different one).</translation>
    </message>
</context>
<context>
    <name>_DevicesPage</name>
    <message>
        <source>Máy in và máy quét</source>
        <translation>Printer and scanner</translation>
    </message>
    <message>
        <source>Máy in cho Giấy tiếp nhận và các mẫu; máy quét để số hóa hồ sơ. Bỏ qua được: đổi lại trong Cài đặt.</source>
        <translation>The printer for receipts and forms; the scanner to digitise dossiers. You may skip this: change it later in Settings.</translation>
    </message>
    <message>
        <source>Máy &amp;in</source>
        <translation>&amp;Printer</translation>
    </message>
    <message>
        <source>Máy &amp;quét</source>
        <translation>S&amp;canner</translation>
    </message>
</context>
<context>
    <name>_FinishPage</name>
    <message>
        <source>Hoàn tất</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>mở dữ liệu quầy</source>
        <translation>open the desk&apos;s data</translation>
    </message>
</context>
<context>
    <name>_ServerPage</name>
    <message>
        <source>Máy chủ cấp trên</source>
        <translation>District server</translation>
    </message>
    <message>
        <source>Quầy làm việc đầy đủ khi không có mạng. Khi có địa chỉ máy chủ và mã đăng ký (do quản trị máy chủ cấp), quầy gửi hồ sơ lên theo lô mỗi khi có kết nối.</source>
        <translation>The desk works fully without a network. With the server&apos;s address and an enrolment code (from the server&apos;s administrator), the desk sends dossiers in batches whenever there is a connection.</translation>
    </message>
    <message>
        <source>&amp;Làm việc ngoại tuyến trước, đăng ký sau</source>
        <translation>&amp;Work offline for now, enrol later</translation>
    </message>
    <message>
        <source>Đăng ký &amp;với máy chủ ngay</source>
        <translation>Enrol &amp;with the server now</translation>
    </message>
    <message>
        <source>để trống: chính máy chủ ở trên</source>
        <translation>empty: the server above</translation>
    </message>
    <message>
        <source>&amp;Địa chỉ máy chủ</source>
        <translation>Server &amp;address</translation>
    </message>
    <message>
        <source>&amp;Mã đăng ký</source>
        <translation>Enrolment &amp;code</translation>
    </message>
    <message>
        <source>Địa chỉ &amp;tra cứu (mã QR)</source>
        <translation>&amp;Lookup address (QR code)</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ bắt đầu bằng https:// (hoặc http://).</source>
        <translation>The server address starts with https:// (or http://).</translation>
    </message>
    <message>
        <source>Hãy nhập mã đăng ký do quản trị máy chủ cấp.</source>
        <translation>Enter the enrolment code from the server&apos;s administrator.</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Căn cước / CCCD</source>
        <translation>ID card / CCCD</translation>
    </message>
    <message>
        <source>Giấy khai sinh</source>
        <translation>Birth certificate</translation>
    </message>
    <message>
        <source>Giấy chứng nhận kết hôn</source>
        <translation>Marriage certificate</translation>
    </message>
    <message>
        <source>Giấy tờ về cư trú</source>
        <translation>Residence paper</translation>
    </message>
    <message>
        <source>Giấy chứng nhận quyền sử dụng đất</source>
        <translation>Land use right certificate</translation>
    </message>
    <message>
        <source>Giấy ủy quyền</source>
        <translation>Authorisation</translation>
    </message>
    <message>
        <source>Kết quả giải quyết thủ tục</source>
        <translation>Result of the procedure</translation>
    </message>
    <message>
        <source>Giấy tờ khác</source>
        <translation>Other paper</translation>
    </message>
    <message>
        <source>Nộp trực tuyến</source>
        <translation>Submitted online</translation>
    </message>
    <message>
        <source>Đã tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Chờ bổ sung</source>
        <translation>Waiting for supplement</translation>
    </message>
    <message>
        <source>Chờ nộp phí</source>
        <translation>Waiting for fees</translation>
    </message>
    <message>
        <source>Công dân rút hồ sơ</source>
        <translation>Withdrawn by the citizen</translation>
    </message>
    <message>
        <source>Dừng giải quyết</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Có kết quả, chờ trả</source>
        <translation>Result ready, to hand back</translation>
    </message>
    <message>
        <source>Đã trả kết quả</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Qua bưu chính</source>
        <translation>By post</translation>
    </message>
    <message>
        <source>Chuyển xử lý</source>
        <translation>Hand over for processing</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung hồ sơ</source>
        <translation>Ask for a supplement</translation>
    </message>
    <message>
        <source>Nhận hồ sơ bổ sung</source>
        <translation>Receive the supplement</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận, giải quyết</source>
        <translation>Refuse to receive or process</translation>
    </message>
    <message>
        <source>Xin lỗi và hẹn lại</source>
        <translation>Apologise and set a new date</translation>
    </message>
    <message>
        <source>Dừng giải quyết theo đề nghị</source>
        <translation>Stop on request</translation>
    </message>
    <message>
        <source>Nhận kết quả về Bộ phận Một cửa</source>
        <translation>Result back at the one-stop desk</translation>
    </message>
    <message>
        <source>Trả kết quả</source>
        <translation>Return the result</translation>
    </message>
    <message>
        <source>Gia hạn theo quy định</source>
        <translation>Extend as the law allows</translation>
    </message>
    <message>
        <source>Yêu cầu nộp phí, lệ phí</source>
        <translation>Ask for the fees</translation>
    </message>
    <message>
        <source>Công dân đã nộp phí, lệ phí</source>
        <translation>Fees paid</translation>
    </message>
    <message>
        <source>Cần xác minh (hộ tịch)</source>
        <translation>Verification needed (civil status)</translation>
    </message>
    <message>
        <source>Nhiều giấy tờ, nhiều trang hoặc nhiều bản sao (chứng thực)</source>
        <translation>Many papers, pages or copies (certification)</translation>
    </message>
    <message>
        <source>Thỏa thuận bằng văn bản với người yêu cầu</source>
        <translation>Written agreement with the applicant</translation>
    </message>
    <message>
        <source>tạm dừng</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>tính lại từ đầu</source>
        <translation>restarted</translation>
    </message>
    <message>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <source>Mã số thuế/mã số doanh nghiệp</source>
        <translation>Tax/enterprise code</translation>
    </message>
    <message>
        <source>Số hộ chiếu</source>
        <translation>Passport number</translation>
    </message>
    <message>
        <source>Lịch nghỉ lễ theo quy định (gói holidays)</source>
        <translation>Public holidays (holidays package)</translation>
    </message>
    <message>
        <source>Quầy này đặt</source>
        <translation>Set at this desk</translation>
    </message>
    <message>
        <source>Quầy khác của xã đặt</source>
        <translation>Set at another desk of the commune</translation>
    </message>
    <message>
        <source>Cấp trên công bố</source>
        <translation>Published upstream</translation>
    </message>
    <message>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Chấp nhận được</source>
        <translation>Acceptable</translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <source>Tại Bộ phận Một cửa</source>
        <translation>At the one-stop desk</translation>
    </message>
    <message>
        <source>Qua dịch vụ bưu chính</source>
        <translation>By postal service</translation>
    </message>
    <message>
        <source>Cán bộ tiếp nhận</source>
        <translation>Reception officer</translation>
    </message>
    <message>
        <source>Lãnh đạo UBND xã</source>
        <translation>Commune leader</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Bản chính</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Bản sao</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Bản sao chứng thực</source>
        <translation>Certified copy</translation>
    </message>
    <message>
        <source>Bản chính hoặc bản sao chứng thực</source>
        <translation>Original or certified copy</translation>
    </message>
    <message>
        <source>Đến hạn trả hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>Đến hạn ngày làm việc tiếp theo</source>
        <translation>Due the next working day</translation>
    </message>
    <message>
        <source>Sắp trễ hoặc đã trễ: cần xin lỗi, hẹn lại</source>
        <translation>Late or about to be: apologise and set a new date</translation>
    </message>
    <message>
        <source>Chờ công dân bổ sung</source>
        <translation>Waiting for the citizen&apos;s supplement</translation>
    </message>
    <message>
        <source>Đen trắng (văn bản)</source>
        <translation>Black and white (text)</translation>
    </message>
    <message>
        <source>Xám</source>
        <translation>Grey</translation>
    </message>
    <message>
        <source>Màu (có dấu đỏ, ảnh)</source>
        <translation>Colour (red seals, photos)</translation>
    </message>
    <message>
        <source>Kỳ trước chuyển qua</source>
        <translation>Carried over</translation>
    </message>
    <message>
        <source>Tiếp nhận trong kỳ</source>
        <translation>Received in the period</translation>
    </message>
    <message>
        <source>Tổng số phải giải quyết</source>
        <translation>Total to handle</translation>
    </message>
    <message>
        <source>Đã giải quyết</source>
        <translation>Handled</translation>
    </message>
    <message>
        <source>Trong hạn</source>
        <translation>Within time</translation>
    </message>
    <message>
        <source>Tạm dừng (chờ bổ sung)</source>
        <translation>Paused (waiting for a supplement)</translation>
    </message>
    <message>
        <source>Không giải quyết</source>
        <translation>Not handled</translation>
    </message>
    <message>
        <source>Từ chối</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Rút hồ sơ</source>
        <translation>Withdrawn</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Không {action} được do lỗi ổ đĩa hoặc cơ sở dữ liệu ({error}). Không có gì được lưu dở dang. Hãy kiểm tra ổ đĩa còn trống rồi thử lại; nếu vẫn lỗi, báo quản trị.</source>
        <translation>Could not {action} because of a disk or database error ({error}). Nothing was left half-saved. Check that the disk has free space and try again; if it still fails, tell the administrator.</translation>
    </message>
    <message>
        <source>Không {action} được do lỗi không mong đợi ({error}). Hãy báo quản trị.</source>
        <translation>Could not {action} because of an unexpected error ({error}). Tell the administrator.</translation>
    </message>
</context>
</TS>
