<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="vi">
<context>
    <name>ActionDialog</name>
    <message>
        <source>Nội dung cần &amp;bổ sung</source>
        <translation>Nội dung cần &amp;bổ sung</translation>
    </message>
    <message>
        <source>&amp;Lý do từ chối</source>
        <translation>&amp;Lý do từ chối</translation>
    </message>
    <message>
        <source>&amp;Lý do chậm trả</source>
        <translation>&amp;Lý do chậm trả</translation>
    </message>
    <message>
        <source>&amp;Lý do dừng (theo đề nghị)</source>
        <translation>&amp;Lý do dừng (theo đề nghị)</translation>
    </message>
    <message>
        <source>&amp;Lý do rút hồ sơ</source>
        <translation>&amp;Lý do rút hồ sơ</translation>
    </message>
    <message>
        <source>&amp;Giấy ủy quyền (nếu nhận thay)</source>
        <translation>&amp;Giấy ủy quyền (nếu nhận thay)</translation>
    </message>
    <message>
        <source>Chưa nhập «{caption}».</source>
        <translation>Chưa nhập «{caption}».</translation>
    </message>
    <message>
        <source>dd/mm/yyyy hoặc dd/mm/yyyy HH:MM</source>
        <translation>dd/mm/yyyy hoặc dd/mm/yyyy HH:MM</translation>
    </message>
    <message>
        <source>Người nộp hồ sơ</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <source>Người được ủy quyền nhận thay</source>
        <translation>Người được ủy quyền nhận thay</translation>
    </message>
    <message>
        <source>Công dân không đánh giá</source>
        <translation>Công dân không đánh giá</translation>
    </message>
    <message>
        <source>số ngày làm việc</source>
        <translation>số ngày làm việc</translation>
    </message>
    <message>
        <source>&amp;Chuyển đến</source>
        <translation>&amp;Chuyển đến</translation>
    </message>
    <message>
        <source>&amp;Người nhận</source>
        <translation>&amp;Người nhận</translation>
    </message>
    <message>
        <source>Ghi &amp;chú</source>
        <translation>Ghi &amp;chú</translation>
    </message>
    <message>
        <source>&amp;Nhận từ</source>
        <translation>&amp;Nhận từ</translation>
    </message>
    <message>
        <source>Ngày hẹn trả &amp;mới</source>
        <translation>Ngày hẹn trả &amp;mới</translation>
    </message>
    <message>
        <source>Lý do &amp;gia hạn</source>
        <translation>Lý do &amp;gia hạn</translation>
    </message>
    <message>
        <source>Số &amp;ngày làm việc</source>
        <translation>Số &amp;ngày làm việc</translation>
    </message>
    <message>
        <source>Căn cứ, &amp;văn bản thỏa thuận</source>
        <translation>Căn cứ, &amp;văn bản thỏa thuận</translation>
    </message>
    <message>
        <source>&amp;Người nhận kết quả</source>
        <translation>&amp;Người nhận kết quả</translation>
    </message>
    <message>
        <source>&amp;Họ tên người nhận thay</source>
        <translation>&amp;Họ tên người nhận thay</translation>
    </message>
    <message>
        <source>Số &amp;định danh người nhận</source>
        <translation>Số &amp;định danh người nhận</translation>
    </message>
    <message>
        <source>&amp;Cách trả</source>
        <translation>&amp;Cách trả</translation>
    </message>
    <message>
        <source>Mức độ &amp;hài lòng</source>
        <translation>Mức độ &amp;hài lòng</translation>
    </message>
    <message>
        <source>Ý &amp;kiến</source>
        <translation>Ý &amp;kiến</translation>
    </message>
    <message>
        <source>&amp;Ghi nhận…</source>
        <translation>&amp;Ghi nhận…</translation>
    </message>
    <message>
        <source>&amp;Xác nhận ghi nhận</source>
        <translation>&amp;Xác nhận ghi nhận</translation>
    </message>
    <message>
        <source>Ghi nhận «{action}» cho hồ sơ {code}? Việc này không hoàn tác được. Kiểm tra lại rồi bấm «Xác nhận ghi nhận».</source>
        <translation>Ghi nhận «{action}» cho hồ sơ {code}? Việc này không hoàn tác được. Kiểm tra lại rồi bấm «Xác nhận ghi nhận».</translation>
    </message>
    <message>
        <source>Hủy (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
</context>
<context>
    <name>AddOfficerDialog</name>
    <message>
        <source>Thêm cán bộ</source>
        <translation>Thêm cán bộ</translation>
    </message>
    <message>
        <source>Cán bộ phải đổi mật khẩu tạm ở lần đăng nhập đầu.</source>
        <translation>Cán bộ phải đổi mật khẩu tạm ở lần đăng nhập đầu.</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập</source>
        <translation>&amp;Tên đăng nhập</translation>
    </message>
    <message>
        <source>&amp;Họ và tên</source>
        <translation>&amp;Họ và tên</translation>
    </message>
    <message>
        <source>&amp;Vai trò</source>
        <translation>&amp;Vai trò</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu tạm</source>
        <translation>&amp;Mật khẩu tạm</translation>
    </message>
    <message>
        <source>&amp;Nhập lại</source>
        <translation>&amp;Nhập lại</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
</context>
<context>
    <name>AddressSuggestionBanner</name>
    <message>
        <source>Dùng địa chỉ &amp;mới</source>
        <translation>Dùng địa chỉ &amp;mới</translation>
    </message>
    <message>
        <source>&amp;Giữ như trên thẻ</source>
        <translation>&amp;Giữ như trên thẻ</translation>
    </message>
    <message>
        <source>Địa chỉ trên thẻ theo đơn vị hành chính cũ. Địa chỉ mới: {new}. {note} (Bảng chuyển đổi: {source})</source>
        <translation>Địa chỉ trên thẻ theo đơn vị hành chính cũ. Địa chỉ mới: {new}. {note} (Bảng chuyển đổi: {source})</translation>
    </message>
    <message>
        <source>Xã/phường cũ đã được chia cho nhiều xã/phường mới: hãy hỏi lại người dân.</source>
        <translation>Xã/phường cũ đã được chia cho nhiều xã/phường mới: hãy hỏi lại người dân.</translation>
    </message>
    <message>
        <source>Hãy hỏi lại người dân trước khi dùng.</source>
        <translation>Hãy hỏi lại người dân trước khi dùng.</translation>
    </message>
</context>
<context>
    <name>CalendarBox</name>
    <message>
        <source>Lịch làm việc của xã</source>
        <translation>Lịch làm việc của xã</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Nghỉ/làm</source>
        <translation>Nghỉ/làm</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>ngày/tháng/năm</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>Ngày nghỉ thêm</source>
        <translation>Ngày nghỉ thêm</translation>
    </message>
    <message>
        <source>Ngày làm bù</source>
        <translation>Ngày làm bù</translation>
    </message>
    <message>
        <source>căn cứ, ví dụ số văn bản</source>
        <translation>căn cứ, ví dụ số văn bản</translation>
    </message>
    <message>
        <source>Đặt &amp;ngày</source>
        <translation>Đặt &amp;ngày</translation>
    </message>
    <message>
        <source>&amp;Bỏ ngày đã đặt</source>
        <translation>&amp;Bỏ ngày đã đặt</translation>
    </message>
    <message>
        <source>Năm</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>đọc lịch</source>
        <translation>đọc lịch</translation>
    </message>
    <message>
        <source>Làm việc</source>
        <translation>Làm việc</translation>
    </message>
    <message>
        <source>Nghỉ</source>
        <translation>Nghỉ</translation>
    </message>
    <message>
        <source>Đã ghi; các quầy khác của xã nhận khi đồng bộ.</source>
        <translation>Đã ghi; các quầy khác của xã nhận khi đồng bộ.</translation>
    </message>
    <message>
        <source>ghi lịch</source>
        <translation>ghi lịch</translation>
    </message>
</context>
<context>
    <name>CashBookDialog</name>
    <message>
        <source>Sổ thu phí, lệ phí</source>
        <translation>Sổ thu phí, lệ phí</translation>
    </message>
    <message>
        <source>Mọi cán bộ của quầy</source>
        <translation>Mọi cán bộ của quầy</translation>
    </message>
    <message>
        <source>Ký hiệu</source>
        <translation>Ký hiệu</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Số tiền</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Họ tên kế toán nhận tiền</source>
        <translation>Họ tên kế toán nhận tiền</translation>
    </message>
    <message>
        <source>&amp;Bàn giao</source>
        <translation>&amp;Bàn giao</translation>
    </message>
    <message>
        <source>Đối chiếu &amp;sao kê…</source>
        <translation>Đối chiếu &amp;sao kê…</translation>
    </message>
    <message>
        <source>&amp;Hủy biên lai…</source>
        <translation>&amp;Hủy biên lai…</translation>
    </message>
    <message>
        <source>In &amp;lại</source>
        <translation>In &amp;lại</translation>
    </message>
    <message>
        <source>Tài khoản nhận &amp;phí…</source>
        <translation>Tài khoản nhận &amp;phí…</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Đã hủy: {reason}</source>
        <translation>Đã hủy: {reason}</translation>
    </message>
    <message>
        <source>Đã đối chiếu</source>
        <translation>Đã đối chiếu</translation>
    </message>
    <message>
        <source>Chờ đối chiếu</source>
        <translation>Chờ đối chiếu</translation>
    </message>
    <message>
        <source>Tiền mặt</source>
        <translation>Tiền mặt</translation>
    </message>
    <message>
        <source>Chuyển khoản</source>
        <translation>Chuyển khoản</translation>
    </message>
    <message>
        <source>Tiền mặt {cash} · Chuyển khoản {transfer} (chưa đối chiếu {unmatched}) · Cộng {total} · {receipts} biên lai, {voided} đã hủy</source>
        <translation>Tiền mặt {cash} · Chuyển khoản {transfer} (chưa đối chiếu {unmatched}) · Cộng {total} · {receipts} biên lai, {voided} đã hủy</translation>
    </message>
    <message>
        <source> · Đã bàn giao cho {name}</source>
        <translation> · Đã bàn giao cho {name}</translation>
    </message>
    <message>
        <source>Sao kê ngân hàng</source>
        <translation>Sao kê ngân hàng</translation>
    </message>
    <message>
        <source>Sao kê (*.csv *.xlsx)</source>
        <translation>Sao kê (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Đã đối chiếu {n} khoản; {k} dòng cần xem lại.</source>
        <translation>Đã đối chiếu {n} khoản; {k} dòng cần xem lại.</translation>
    </message>
    <message>
        <source>Hủy biên lai</source>
        <translation>Hủy biên lai</translation>
    </message>
    <message>
        <source>Lý do hủy biên lai:</source>
        <translation>Lý do hủy biên lai:</translation>
    </message>
    <message>
        <source>Biên lai {series} {number:07d}</source>
        <translation>Biên lai {series} {number:07d}</translation>
    </message>
    <message>
        <source>ghi sổ thu phí</source>
        <translation>ghi sổ thu phí</translation>
    </message>
</context>
<context>
    <name>ChipRead</name>
    <message>
        <source>Đọc chip cần mã QR của thẻ (F2), hoặc số định danh, ngày sinh trên biểu mẫu và ngày hết hạn gõ vào ô mã QR.</source>
        <translation>Đọc chip cần mã QR của thẻ (F2), hoặc số định danh, ngày sinh trên biểu mẫu và ngày hết hạn gõ vào ô mã QR.</translation>
    </message>
    <message>
        <source>Đang đọc chip thẻ căn cước… giữ thẻ nằm yên trên đầu đọc.</source>
        <translation>Đang đọc chip thẻ căn cước… giữ thẻ nằm yên trên đầu đọc.</translation>
    </message>
    <message>
        <source>Đã đọc chip: thông tin HỢP LỆ (chữ ký số của cơ quan cấp thẻ đúng).</source>
        <translation>Đã đọc chip: thông tin HỢP LỆ (chữ ký số của cơ quan cấp thẻ đúng).</translation>
    </message>
    <message>
        <source>Đã đọc chip nhưng KHÔNG XÁC THỰC ĐƯỢC ({why}). Vẫn tiếp nhận được; đối chiếu thẻ bằng mắt.</source>
        <translation>Đã đọc chip nhưng KHÔNG XÁC THỰC ĐƯỢC ({why}). Vẫn tiếp nhận được; đối chiếu thẻ bằng mắt.</translation>
    </message>
    <message>
        <source>số định danh</source>
        <translation>số định danh</translation>
    </message>
    <message>
        <source>họ tên</source>
        <translation>họ tên</translation>
    </message>
    <message>
        <source>ngày sinh</source>
        <translation>ngày sinh</translation>
    </message>
    <message>
        <source>giới tính</source>
        <translation>giới tính</translation>
    </message>
    <message>
        <source>nơi thường trú</source>
        <translation>nơi thường trú</translation>
    </message>
    <message>
        <source>Khác với mã QR: {fields}.</source>
        <translation>Khác với mã QR: {fields}.</translation>
    </message>
    <message>
        <source>đọc chip thẻ căn cước</source>
        <translation>đọc chip thẻ căn cước</translation>
    </message>
</context>
<context>
    <name>CommuneFields</name>
    <message>
        <source>ví dụ 000.00.12.H12</source>
        <translation>ví dụ 000.00.12.H12</translation>
    </message>
    <message>
        <source>ví dụ UBND xã Minh Phú</source>
        <translation>ví dụ UBND xã Minh Phú</translation>
    </message>
    <message>
        <source>ví dụ Minh Phú (dòng ngày tháng trên giấy tờ)</source>
        <translation>ví dụ Minh Phú (dòng ngày tháng trên giấy tờ)</translation>
    </message>
    <message>
        <source>&amp;Mã định danh cơ quan</source>
        <translation>&amp;Mã định danh cơ quan</translation>
    </message>
    <message>
        <source>&amp;Tên UBND xã/phường</source>
        <translation>&amp;Tên UBND xã/phường</translation>
    </message>
    <message>
        <source>Đị&amp;a danh</source>
        <translation>Đị&amp;a danh</translation>
    </message>
    <message>
        <source>&amp;Tỉnh/thành phố</source>
        <translation>&amp;Tỉnh/thành phố</translation>
    </message>
    <message>
        <source>&amp;Số quầy</source>
        <translation>&amp;Số quầy</translation>
    </message>
    <message>
        <source>Trung tâm Phục vụ hành chính công xã … hoặc Bộ phận Một cửa</source>
        <translation>Trung tâm Phục vụ hành chính công xã … hoặc Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>ví dụ TTPVHCC (số giấy tờ: 1.15/PBS-TTPVHCC)</source>
        <translation>ví dụ TTPVHCC (số giấy tờ: 1.15/PBS-TTPVHCC)</translation>
    </message>
    <message>
        <source>Bộ phận tiếp &amp;nhận</source>
        <translation>Bộ phận tiếp &amp;nhận</translation>
    </message>
    <message>
        <source>Tên &amp;viết tắt trên số giấy tờ</source>
        <translation>Tên &amp;viết tắt trên số giấy tờ</translation>
    </message>
    <message>
        <source>Chức danh người &amp;ký</source>
        <translation>Chức danh người &amp;ký</translation>
    </message>
    <message>
        <source>&amp;Họ tên người ký</source>
        <translation>&amp;Họ tên người ký</translation>
    </message>
    <message>
        <source>Điện thoại &amp;liên hệ</source>
        <translation>Điện thoại &amp;liên hệ</translation>
    </message>
    <message>
        <source>Địa chỉ &amp;tra cứu (mã QR)</source>
        <translation>Địa chỉ &amp;tra cứu (mã QR)</translation>
    </message>
    <message>
        <source>Tự &amp;khóa màn hình sau (phút)</source>
        <translation>Tự &amp;khóa màn hình sau (phút)</translation>
    </message>
    <message>
        <source>Ngày &amp;chốt số liệu báo cáo</source>
        <translation>Ngày &amp;chốt số liệu báo cáo</translation>
    </message>
</context>
<context>
    <name>ComponentChecklist</name>
    <message>
        <source>&amp;Xem bản số hóa</source>
        <translation>&amp;Xem bản số hóa</translation>
    </message>
    <message>
        <source>&amp;Gỡ bản số hóa</source>
        <translation>&amp;Gỡ bản số hóa</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>đọc thành phần hồ sơ</source>
        <translation>đọc thành phần hồ sơ</translation>
    </message>
    <message>
        <source>mở bản số hóa</source>
        <translation>mở bản số hóa</translation>
    </message>
    <message>
        <source>Gỡ bản số hóa</source>
        <translation>Gỡ bản số hóa</translation>
    </message>
    <message>
        <source>Gỡ bản số hóa “{title}” khỏi hồ sơ này?</source>
        <translation>Gỡ bản số hóa “{title}” khỏi hồ sơ này?</translation>
    </message>
    <message>
        <source>gỡ bản số hóa</source>
        <translation>gỡ bản số hóa</translation>
    </message>
    <message>
        <source>Đã gỡ bản số hóa.</source>
        <translation>Đã gỡ bản số hóa.</translation>
    </message>
</context>
<context>
    <name>ComponentsEditor</name>
    <message>
        <source>Đã nhận</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <source>Số lượng</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <source>Bản số hóa</source>
        <translation>Bản số hóa</translation>
    </message>
    <message>
        <source>quét sau khi lưu</source>
        <translation>quét sau khi lưu</translation>
    </message>
    <message>
        <source>Giấy tờ khác</source>
        <translation>Giấy tờ khác</translation>
    </message>
</context>
<context>
    <name>CounterRefusal</name>
    <message>
        <source>Từ chối tiếp nhận (Mẫu 03)</source>
        <translation>Từ chối tiếp nhận (Mẫu 03)</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận tại quầy (Mẫu 03)</source>
        <translation>Từ chối tiếp nhận tại quầy (Mẫu 03)</translation>
    </message>
    <message>
        <source>Lý do từ chối (không cấp mã hồ sơ, không vào sổ):</source>
        <translation>Lý do từ chối (không cấp mã hồ sơ, không vào sổ):</translation>
    </message>
    <message>
        <source>Phiếu từ chối tiếp nhận giải quyết hồ sơ</source>
        <translation>Phiếu từ chối tiếp nhận giải quyết hồ sơ</translation>
    </message>
    <message>
        <source>Đã lập Phiếu từ chối tiếp nhận (Mẫu 03); hồ sơ không được tiếp nhận.</source>
        <translation>Đã lập Phiếu từ chối tiếp nhận (Mẫu 03); hồ sơ không được tiếp nhận.</translation>
    </message>
    <message>
        <source>lập phiếu từ chối</source>
        <translation>lập phiếu từ chối</translation>
    </message>
</context>
<context>
    <name>DigitiseDialog</name>
    <message>
        <source>Ảnh quét và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</source>
        <translation>Ảnh quét và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <source>Số hóa thành phần hồ sơ</source>
        <translation>Số hóa thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Khay nạp giấy (ADF)</source>
        <translation>Khay nạp giấy (ADF)</translation>
    </message>
    <message>
        <source>&amp;Quét (F5)</source>
        <translation>&amp;Quét (F5)</translation>
    </message>
    <message>
        <source>Chọn &amp;tệp…</source>
        <translation>Chọn &amp;tệp…</translation>
    </message>
    <message>
        <source>Theo dõi thư &amp;mục quét…</source>
        <translation>Theo dõi thư &amp;mục quét…</translation>
    </message>
    <message>
        <source>Xoay trái</source>
        <translation>Xoay trái</translation>
    </message>
    <message>
        <source>Xoay phải (R)</source>
        <translation>Xoay phải (R)</translation>
    </message>
    <message>
        <source>Xóa trang (Del)</source>
        <translation>Xóa trang (Del)</translation>
    </message>
    <message>
        <source>Quét lại trang</source>
        <translation>Quét lại trang</translation>
    </message>
    <message>
        <source>Phóng to (Enter)</source>
        <translation>Phóng to (Enter)</translation>
    </message>
    <message>
        <source>Dừng</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>Chứng thư số…</source>
        <translation>Chứng thư số…</translation>
    </message>
    <message>
        <source>&amp;Lưu bản số hóa (Ctrl+S)</source>
        <translation>&amp;Lưu bản số hóa (Ctrl+S)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <source>Không thấy máy quét</source>
        <translation>Không thấy máy quét</translation>
    </message>
    <message>
        <source>tìm máy quét</source>
        <translation>tìm máy quét</translation>
    </message>
    <message>
        <source>Chưa có máy quét: hãy chọn tệp hoặc thư mục quét.</source>
        <translation>Chưa có máy quét: hãy chọn tệp hoặc thư mục quét.</translation>
    </message>
    <message>
        <source>Đang quét…</source>
        <translation>Đang quét…</translation>
    </message>
    <message>
        <source>quét</source>
        <translation>quét</translation>
    </message>
    <message>
        <source>Chọn ảnh quét hoặc PDF</source>
        <translation>Chọn ảnh quét hoặc PDF</translation>
    </message>
    <message>
        <source>Đang đọc tệp…</source>
        <translation>Đang đọc tệp…</translation>
    </message>
    <message>
        <source>đọc tệp</source>
        <translation>đọc tệp</translation>
    </message>
    <message>
        <source>Thư mục máy quét lưu ảnh</source>
        <translation>Thư mục máy quét lưu ảnh</translation>
    </message>
    <message>
        <source>Đang theo dõi thư mục {folder}</source>
        <translation>Đang theo dõi thư mục {folder}</translation>
    </message>
    <message>
        <source>Đang làm sạch trang…</source>
        <translation>Đang làm sạch trang…</translation>
    </message>
    <message>
        <source>làm sạch trang</source>
        <translation>làm sạch trang</translation>
    </message>
    <message>
        <source>Trang {n}</source>
        <translation>Trang {n}</translation>
    </message>
    <message>
        <source> — trắng</source>
        <translation> — trắng</translation>
    </message>
    <message>
        <source>Chọn một trang để quét lại.</source>
        <translation>Chọn một trang để quét lại.</translation>
    </message>
    <message>
        <source>phóng to trang</source>
        <translation>phóng to trang</translation>
    </message>
    <message>
        <source>Ký bằng token: {name}</source>
        <translation>Ký bằng token: {name}</translation>
    </message>
    <message>
        <source>Ký bằng: {name}</source>
        <translation>Ký bằng: {name}</translation>
    </message>
    <message>
        <source>Chọn thành phần hồ sơ cần số hóa.</source>
        <translation>Chọn thành phần hồ sơ cần số hóa.</translation>
    </message>
    <message>
        <source>Chưa có trang nào sẵn sàng để lưu.</source>
        <translation>Chưa có trang nào sẵn sàng để lưu.</translation>
    </message>
    <message>
        <source>Đang lưu và ký số…</source>
        <translation>Đang lưu và ký số…</translation>
    </message>
    <message>
        <source>lưu bản số hóa</source>
        <translation>lưu bản số hóa</translation>
    </message>
    <message>
        <source>Đã lưu {n} trang{signed}.</source>
        <translation>Đã lưu {n} trang{signed}.</translation>
    </message>
    <message>
        <source>, ký số bởi {s}</source>
        <translation>, ký số bởi {s}</translation>
    </message>
    <message>
        <source>, chưa ký số</source>
        <translation>, chưa ký số</translation>
    </message>
    <message>
        <source>Đã quét {n} trang…</source>
        <translation>Đã quét {n} trang…</translation>
    </message>
</context>
<context>
    <name>DossierDialog</name>
    <message>
        <source>Tiếp nhận</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>In biên nhận</source>
        <translation>In biên nhận</translation>
    </message>
    <message>
        <source>Hồ sơ {code}</source>
        <translation>Hồ sơ {code}</translation>
    </message>
    <message>
        <source> — QUÁ HẠN</source>
        <translation> — QUÁ HẠN</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Số định danh</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Nhận lúc</source>
        <translation>Nhận lúc</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Đang ở</source>
        <translation>Đang ở</translation>
    </message>
    <message>
        <source>Phí, lệ phí</source>
        <translation>Phí, lệ phí</translation>
    </message>
    <message>
        <source>Số bộ</source>
        <translation>Số bộ</translation>
    </message>
    <message>
        <source>Sổ theo dõi</source>
        <translation>Sổ theo dõi</translation>
    </message>
    <message>
        <source>Quyển {volume}, số {entry}</source>
        <translation>Quyển {volume}, số {entry}</translation>
    </message>
    <message>
        <source>Số lần in biên nhận</source>
        <translation>Số lần in biên nhận</translation>
    </message>
    <message>
        <source>Người ủy quyền</source>
        <translation>Người ủy quyền</translation>
    </message>
    <message>
        <source> — đã số hóa</source>
        <translation> — đã số hóa</translation>
    </message>
    <message>
        <source>Thành phần</source>
        <translation>Thành phần</translation>
    </message>
    <message>
        <source>Quá trình</source>
        <translation>Quá trình</translation>
    </message>
    <message>
        <source>⚠ Hồ sơ sắp hoặc đã quá hạn mà chưa có kết quả: hãy lập Văn bản xin lỗi và hẹn lại ngày trả (Mẫu 04).</source>
        <translation>⚠ Hồ sơ sắp hoặc đã quá hạn mà chưa có kết quả: hãy lập Văn bản xin lỗi và hẹn lại ngày trả (Mẫu 04).</translation>
    </message>
    <message>
        <source>Số &amp;hóa thành phần… (Ctrl+D)</source>
        <translation>Số &amp;hóa thành phần… (Ctrl+D)</translation>
    </message>
    <message>
        <source>Số hóa &amp;kết quả (PDF)…</source>
        <translation>Số hóa &amp;kết quả (PDF)…</translation>
    </message>
    <message>
        <source>&amp;In lại biên nhận (Ctrl+P)</source>
        <translation>&amp;In lại biên nhận (Ctrl+P)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <source>Chọn bản số hóa của kết quả</source>
        <translation>Chọn bản số hóa của kết quả</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Đã lưu bản số hóa của kết quả.</source>
        <translation>Đã lưu bản số hóa của kết quả.</translation>
    </message>
    <message>
        <source>lưu bản số hóa kết quả</source>
        <translation>lưu bản số hóa kết quả</translation>
    </message>
    <message>
        <source>in lại biên nhận</source>
        <translation>in lại biên nhận</translation>
    </message>
    <message>
        <source>Đọc chip thẻ căn cước</source>
        <translation>Đọc chip thẻ căn cước</translation>
    </message>
</context>
<context>
    <name>DossierListPage</name>
    <message>
        <source>Tìm theo mã hồ sơ, tên người nộp (không cần dấu), số định danh, điện thoại (Ctrl+F)</source>
        <translation>Tìm theo mã hồ sơ, tên người nộp (không cần dấu), số định danh, điện thoại (Ctrl+F)</translation>
    </message>
    <message>
        <source>Mọi tình trạng</source>
        <translation>Mọi tình trạng</translation>
    </message>
    <message>
        <source>Mọi thủ tục</source>
        <translation>Mọi thủ tục</translation>
    </message>
    <message>
        <source>Nhận từ</source>
        <translation>Nhận từ</translation>
    </message>
    <message>
        <source>Đến hạn hôm nay</source>
        <translation>Đến hạn hôm nay</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>Màu: đỏ = quá hạn, vàng = đến hạn hôm nay, xanh = đã trả, xám = chờ công dân. Enter để mở hồ sơ.</source>
        <translation>Màu: đỏ = quá hạn, vàng = đến hạn hôm nay, xanh = đã trả, xám = chờ công dân. Enter để mở hồ sơ.</translation>
    </message>
    <message>
        <source>Ngày bắt đầu đang sau ngày kết thúc: hãy sửa khoảng ngày.</source>
        <translation>Ngày bắt đầu đang sau ngày kết thúc: hãy sửa khoảng ngày.</translation>
    </message>
    <message>
        <source>Đang tìm…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>{n} hồ sơ</source>
        <translation>{n} hồ sơ</translation>
    </message>
    <message>
        <source>tìm hồ sơ</source>
        <translation>tìm hồ sơ</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <source>Số định danh</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Ngày nhận</source>
        <translation>Ngày nhận</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>(đã xóa)</source>
        <translation>(đã xóa)</translation>
    </message>
    <message>
        <source>{label} — QUÁ HẠN</source>
        <translation>{label} — QUÁ HẠN</translation>
    </message>
    <message>
        <source>{label} — đến hạn hôm nay</source>
        <translation>{label} — đến hạn hôm nay</translation>
    </message>
</context>
<context>
    <name>FeeAccountDialog</name>
    <message>
        <source>Tài khoản nhận phí, lệ phí</source>
        <translation>Tài khoản nhận phí, lệ phí</translation>
    </message>
    <message>
        <source>Tài khoản của xã in trong mã VietQR; ký hiệu in trên biên lai.</source>
        <translation>Tài khoản của xã in trong mã VietQR; ký hiệu in trên biên lai.</translation>
    </message>
    <message>
        <source>Mã &amp;BIN ngân hàng (6 số)</source>
        <translation>Mã &amp;BIN ngân hàng (6 số)</translation>
    </message>
    <message>
        <source>&amp;Số tài khoản</source>
        <translation>&amp;Số tài khoản</translation>
    </message>
    <message>
        <source>&amp;Tên chủ tài khoản</source>
        <translation>&amp;Tên chủ tài khoản</translation>
    </message>
    <message>
        <source>Tên &amp;ngân hàng</source>
        <translation>Tên &amp;ngân hàng</translation>
    </message>
    <message>
        <source>&amp;Mã số thuế đơn vị thu</source>
        <translation>&amp;Mã số thuế đơn vị thu</translation>
    </message>
    <message>
        <source>&amp;Ký hiệu mẫu biên lai</source>
        <translation>&amp;Ký hiệu mẫu biên lai</translation>
    </message>
    <message>
        <source>Chữ đầu ký &amp;hiệu biên lai</source>
        <translation>Chữ đầu ký &amp;hiệu biên lai</translation>
    </message>
</context>
<context>
    <name>FeePanel</name>
    <message>
        <source>Bản chính cần chứng thực (mỗi bản chính một dòng: số trang, số bản sao)</source>
        <translation>Bản chính cần chứng thực (mỗi bản chính một dòng: số trang, số bản sao)</translation>
    </message>
    <message>
        <source>Tên giấy tờ</source>
        <translation>Tên giấy tờ</translation>
    </message>
    <message>
        <source>Số trang</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <source>Số bản sao</source>
        <translation>Số bản sao</translation>
    </message>
    <message>
        <source>+ Thêm bản chính</source>
        <translation>+ Thêm bản chính</translation>
    </message>
    <message>
        <source>Bỏ dòng đang chọn</source>
        <translation>Bỏ dòng đang chọn</translation>
    </message>
    <message>
        <source>Không miễn</source>
        <translation>Không miễn</translation>
    </message>
    <message>
        <source>Miễn phí, lệ phí (lý do)</source>
        <translation>Miễn phí, lệ phí (lý do)</translation>
    </message>
</context>
<context>
    <name>FolderWatch</name>
    <message>
        <source>ghi nhớ tệp đã nhập</source>
        <translation>ghi nhớ tệp đã nhập</translation>
    </message>
    <message>
        <source>đọc thư mục quét</source>
        <translation>đọc thư mục quét</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Hủy</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>lưu</source>
        <translation>lưu</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Chưa có hướng dẫn: thiếu tệp {name}.</source>
        <translation>Chưa có hướng dẫn: thiếu tệp {name}.</translation>
    </message>
    <message>
        <source>Hướng dẫn — {title}</source>
        <translation>Hướng dẫn — {title}</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>Đặt con trỏ vào đây rồi quét mã QR trên thẻ căn cước (F2)</source>
        <translation>Đặt con trỏ vào đây rồi quét mã QR trên thẻ căn cước (F2)</translation>
    </message>
    <message>
        <source>Mã QR thẻ căn cước</source>
        <translation>Mã QR thẻ căn cước</translation>
    </message>
    <message>
        <source>Người nộp hồ sơ</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <source>Nộp &amp;thay theo ủy quyền</source>
        <translation>Nộp &amp;thay theo ủy quyền</translation>
    </message>
    <message>
        <source>Số, ngày của giấy ủy quyền</source>
        <translation>Số, ngày của giấy ủy quyền</translation>
    </message>
    <message>
        <source>Giấy ủy quyền *</source>
        <translation>Giấy ủy quyền *</translation>
    </message>
    <message>
        <source>Người ủy quyền (người có yêu cầu)</source>
        <translation>Người ủy quyền (người có yêu cầu)</translation>
    </message>
    <message>
        <source>Nội dung yêu cầu giải quyết (thủ tục)</source>
        <translation>Nội dung yêu cầu giải quyết (thủ tục)</translation>
    </message>
    <message>
        <source>+ Thêm giấy tờ khác</source>
        <translation>+ Thêm giấy tờ khác</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Mặc định: Bộ phận Một cửa</source>
        <translation>Mặc định: Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>Trực tiếp tại Bộ phận Một cửa</source>
        <translation>Trực tiếp tại Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>Qua dịch vụ bưu chính</source>
        <translation>Qua dịch vụ bưu chính</translation>
    </message>
    <message>
        <source>Số bộ hồ sơ</source>
        <translation>Số bộ hồ sơ</translation>
    </message>
    <message>
        <source>Nơi nhận kết quả</source>
        <translation>Nơi nhận kết quả</translation>
    </message>
    <message>
        <source>Hình thức nộp</source>
        <translation>Hình thức nộp</translation>
    </message>
    <message>
        <source>Lưu và in biên nhận (Ctrl+S)</source>
        <translation>Lưu và in biên nhận (Ctrl+S)</translation>
    </message>
    <message>
        <source>Phí, lệ phí: —</source>
        <translation>Phí, lệ phí: —</translation>
    </message>
    <message>
        <source>Hẹn trả kết quả: chọn thủ tục để tính</source>
        <translation>Hẹn trả kết quả: chọn thủ tục để tính</translation>
    </message>
    <message>
        <source>Đã khôi phục hồ sơ đang nhập dở lúc {time} (máy tắt hoặc phần mềm đóng đột ngột). Kiểm tra lại rồi lưu, hoặc Ctrl+N để bỏ.</source>
        <translation>Đã khôi phục hồ sơ đang nhập dở lúc {time} (máy tắt hoặc phần mềm đóng đột ngột). Kiểm tra lại rồi lưu, hoặc Ctrl+N để bỏ.</translation>
    </message>
    <message>
        <source>Đang lưu hồ sơ…</source>
        <translation>Đang lưu hồ sơ…</translation>
    </message>
    <message>
        <source>Đã lưu hồ sơ {code}. Hẹn trả {due}.</source>
        <translation>Đã lưu hồ sơ {code}. Hẹn trả {due}.</translation>
    </message>
    <message>
        <source>lưu hồ sơ</source>
        <translation>lưu hồ sơ</translation>
    </message>
    <message>
        <source>✓ dùng lại</source>
        <translation>✓ dùng lại</translation>
    </message>
    <message>
        <source> Đã dùng lại {n} giấy tờ đã số hóa.</source>
        <translation> Đã dùng lại {n} giấy tờ đã số hóa.</translation>
    </message>
    <message>
        <source>dùng lại giấy tờ đã số hóa</source>
        <translation>dùng lại giấy tờ đã số hóa</translation>
    </message>
    <message>
        <source>Phí, lệ phí: {fee}</source>
        <translation>Phí, lệ phí: {fee}</translation>
    </message>
    <message>
        <source>Hẹn trả kết quả: {when} ({processing})</source>
        <translation>Hẹn trả kết quả: {when} ({processing})</translation>
    </message>
</context>
<context>
    <name>KnownApplicantBanner</name>
    <message>
        <source>&amp;Dùng thông tin này</source>
        <translation>&amp;Dùng thông tin này</translation>
    </message>
    <message>
        <source>Công dân đã có {n} hồ sơ tại quầy. Thông tin gần nhất ({when}): {name}, {address}{phone}.</source>
        <translation>Công dân đã có {n} hồ sơ tại quầy. Thông tin gần nhất ({when}): {name}, {address}{phone}.</translation>
    </message>
    <message>
        <source>, ĐT {phone}</source>
        <translation>, ĐT {phone}</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Màn hình đã khóa</source>
        <translation>Màn hình đã khóa</translation>
    </message>
    <message>
        <source>Màn hình khóa sau thời gian không dùng. {name} ({user}) nhập mật khẩu để tiếp tục; công việc đang làm dở vẫn giữ nguyên.</source>
        <translation>Màn hình khóa sau thời gian không dùng. {name} ({user}) nhập mật khẩu để tiếp tục; công việc đang làm dở vẫn giữ nguyên.</translation>
    </message>
    <message>
        <source>Mật khẩu:</source>
        <translation>Mật khẩu:</translation>
    </message>
    <message>
        <source>Mở khóa</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <source>Mật khẩu không đúng.</source>
        <translation>Mật khẩu không đúng.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Đăng nhập — Một cửa</source>
        <translation>Đăng nhập — Một cửa</translation>
    </message>
    <message>
        <source>Đăng nhập để mở dữ liệu của quầy.</source>
        <translation>Đăng nhập để mở dữ liệu của quầy.</translation>
    </message>
    <message>
        <source>Tên đăng nhập:</source>
        <translation>Tên đăng nhập:</translation>
    </message>
    <message>
        <source>Mật khẩu:</source>
        <translation>Mật khẩu:</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Mã khôi phục</source>
        <translation>Mã khôi phục</translation>
    </message>
    <message>
        <source>MÃ KHÔI PHỤC — chỉ hiện một lần. Hãy chép tay hoặc in ra, cất nơi an toàn, không lưu trong máy này. Khi quên mật khẩu quản trị, chỉ mã này mở lại được dữ liệu:</source>
        <translation>MÃ KHÔI PHỤC — chỉ hiện một lần. Hãy chép tay hoặc in ra, cất nơi an toàn, không lưu trong máy này. Khi quên mật khẩu quản trị, chỉ mã này mở lại được dữ liệu:</translation>
    </message>
</context>
<context>
    <name>LookupField</name>
    <message>
        <source>&amp;Kiểm tra</source>
        <translation>&amp;Kiểm tra</translation>
    </message>
    <message>
        <source>Đang hỏi {url}…</source>
        <translation>Đang hỏi {url}…</translation>
    </message>
    <message>
        <source>✓ {url} trả lời: mã QR trên giấy tờ sẽ mở trang tra cứu này.</source>
        <translation>✓ {url} trả lời: mã QR trên giấy tờ sẽ mở trang tra cứu này.</translation>
    </message>
    <message>
        <source>kiểm tra địa chỉ tra cứu</source>
        <translation>kiểm tra địa chỉ tra cứu</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Đã sao lưu dữ liệu quầy lúc {time} vào {folder}.</source>
        <translation>Đã sao lưu dữ liệu quầy lúc {time} vào {folder}.</translation>
    </message>
    <message>
        <source>sao lưu</source>
        <translation>sao lưu</translation>
    </message>
    <message>
        <source>kiểm tra dữ liệu</source>
        <translation>kiểm tra dữ liệu</translation>
    </message>
    <message>
        <source>Quầy đã mở trên thư mục dữ liệu {folder}: cửa sổ đó được đưa lên trước.</source>
        <translation>Quầy đã mở trên thư mục dữ liệu {folder}: cửa sổ đó được đưa lên trước.</translation>
    </message>
    <message>
        <source>Một cửa — {unit} — Quầy {n}</source>
        <translation>Một cửa — {unit} — Quầy {n}</translation>
    </message>
    <message>
        <source> — DỮ LIỆU MẪU</source>
        <translation> — DỮ LIỆU MẪU</translation>
    </message>
    <message>
        <source>Tiếp nhận  (Ctrl+N)</source>
        <translation>Tiếp nhận  (Ctrl+N)</translation>
    </message>
    <message>
        <source>Hồ sơ  (Ctrl+F)</source>
        <translation>Hồ sơ  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Hôm nay  (Ctrl+T)</source>
        <translation>Hôm nay  (Ctrl+T)</translation>
    </message>
    <message>
        <source>Báo cáo  (Ctrl+R)</source>
        <translation>Báo cáo  (Ctrl+R)</translation>
    </message>
    <message>
        <source>Đồng bộ  (Ctrl+Y)</source>
        <translation>Đồng bộ  (Ctrl+Y)</translation>
    </message>
    <message>
        <source>Cán bộ, sao lưu  (Ctrl+U)</source>
        <translation>Cán bộ, sao lưu  (Ctrl+U)</translation>
    </message>
    <message>
        <source>Cài đặt  (Ctrl+,)</source>
        <translation>Cài đặt  (Ctrl+,)</translation>
    </message>
    <message>
        <source>Cán bộ: {name}</source>
        <translation>Cán bộ: {name}</translation>
    </message>
    <message>
        <source>Quầy {n}</source>
        <translation>Quầy {n}</translation>
    </message>
    <message>
        <source>DỮ LIỆU MẪU</source>
        <translation>DỮ LIỆU MẪU</translation>
    </message>
    <message>
        <source>Hôm nay  (Ctrl+T)
{due} đến hạn · {late} quá hạn · {ready} chờ trả</source>
        <translation>Hôm nay  (Ctrl+T)
{due} đến hạn · {late} quá hạn · {ready} chờ trả</translation>
    </message>
    <message>
        <source>mở hồ sơ</source>
        <translation>mở hồ sơ</translation>
    </message>
    <message>
        <source>Đầu đọc thẻ: chưa cắm</source>
        <translation>Đầu đọc thẻ: chưa cắm</translation>
    </message>
    <message>
        <source>Đầu đọc thẻ: sẵn sàng, chưa có thẻ</source>
        <translation>Đầu đọc thẻ: sẵn sàng, chưa có thẻ</translation>
    </message>
    <message>
        <source>Đầu đọc thẻ: có thẻ — bấm F3 để đọc</source>
        <translation>Đầu đọc thẻ: có thẻ — bấm F3 để đọc</translation>
    </message>
    <message>
        <source>Danh sách CSCA của tỉnh: chưa nhận qua đồng bộ</source>
        <translation>Danh sách CSCA của tỉnh: chưa nhận qua đồng bộ</translation>
    </message>
    <message>
        <source>Danh sách CSCA của tỉnh: phiên bản {version} ({n} chứng thư)</source>
        <translation>Danh sách CSCA của tỉnh: phiên bản {version} ({n} chứng thư)</translation>
    </message>
    <message>
        <source>Đầu đọc thẻ: không rõ</source>
        <translation>Đầu đọc thẻ: không rõ</translation>
    </message>
</context>
<context>
    <name>OfficersPage</name>
    <message>
        <source>Đang đăng nhập: {name} ({username}), {role}</source>
        <translation>Đang đăng nhập: {name} ({username}), {role}</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Đổi &amp;mật khẩu của tôi…</source>
        <translation>Đổi &amp;mật khẩu của tôi…</translation>
    </message>
    <message>
        <source>&amp;Thêm cán bộ…</source>
        <translation>&amp;Thêm cán bộ…</translation>
    </message>
    <message>
        <source>Đặt &amp;lại mật khẩu…</source>
        <translation>Đặt &amp;lại mật khẩu…</translation>
    </message>
    <message>
        <source>Th&amp;u hồi…</source>
        <translation>Th&amp;u hồi…</translation>
    </message>
    <message>
        <source>&amp;Sao lưu ngay</source>
        <translation>&amp;Sao lưu ngay</translation>
    </message>
    <message>
        <source>đọc danh sách cán bộ</source>
        <translation>đọc danh sách cán bộ</translation>
    </message>
    <message>
        <source>cấp huyện</source>
        <translation>cấp huyện</translation>
    </message>
    <message>
        <source>tại quầy</source>
        <translation>tại quầy</translation>
    </message>
    <message>
        <source>đã thu hồi {day}</source>
        <translation>đã thu hồi {day}</translation>
    </message>
    <message>
        <source>đang dùng</source>
        <translation>đang dùng</translation>
    </message>
    <message>
        <source>Bản sao lưu gần nhất: {time}, {n} hồ sơ, tại {folder}</source>
        <translation>Bản sao lưu gần nhất: {time}, {n} hồ sơ, tại {folder}</translation>
    </message>
    <message>
        <source>Chưa có bản sao lưu nào.</source>
        <translation>Chưa có bản sao lưu nào.</translation>
    </message>
    <message>
        <source>Hãy chọn một cán bộ trong danh sách.</source>
        <translation>Hãy chọn một cán bộ trong danh sách.</translation>
    </message>
    <message>
        <source>Đã đổi mật khẩu.</source>
        <translation>Đã đổi mật khẩu.</translation>
    </message>
    <message>
        <source>Đã thêm tài khoản «{u}».</source>
        <translation>Đã thêm tài khoản «{u}».</translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu</source>
        <translation>Đặt lại mật khẩu</translation>
    </message>
    <message>
        <source>Mật khẩu tạm cho «{u}» (đổi ở lần đăng nhập sau):</source>
        <translation>Mật khẩu tạm cho «{u}» (đổi ở lần đăng nhập sau):</translation>
    </message>
    <message>
        <source>Đã đặt lại mật khẩu của «{u}».</source>
        <translation>Đã đặt lại mật khẩu của «{u}».</translation>
    </message>
    <message>
        <source>đặt lại mật khẩu</source>
        <translation>đặt lại mật khẩu</translation>
    </message>
    <message>
        <source>Thu hồi tài khoản</source>
        <translation>Thu hồi tài khoản</translation>
    </message>
    <message>
        <source>Lý do thu hồi tài khoản «{u}»:</source>
        <translation>Lý do thu hồi tài khoản «{u}»:</translation>
    </message>
    <message>
        <source>Thu hồi «{u}»? Cán bộ này sẽ không đăng nhập được nữa.</source>
        <translation>Thu hồi «{u}»? Cán bộ này sẽ không đăng nhập được nữa.</translation>
    </message>
    <message>
        <source>thu hồi tài khoản</source>
        <translation>thu hồi tài khoản</translation>
    </message>
    <message>
        <source>Đã thu hồi tài khoản «{u}». Khóa dữ liệu sẽ được thay khi đóng phần mềm.</source>
        <translation>Đã thu hồi tài khoản «{u}». Khóa dữ liệu sẽ được thay khi đóng phần mềm.</translation>
    </message>
    <message>
        <source>Các tài khoản chưa đăng nhập lại từ khi nâng cấp sẽ phải đặt lại mật khẩu: {names}.</source>
        <translation>Các tài khoản chưa đăng nhập lại từ khi nâng cấp sẽ phải đặt lại mật khẩu: {names}.</translation>
    </message>
    <message>
        <source>Mã khôi phục mới</source>
        <translation>Mã khôi phục mới</translation>
    </message>
    <message>
        <source>Mã khôi phục mới của quầy (mã cũ hết hiệu lực). Hãy chép hoặc in ra và cất giữ xa máy tính:

{code}</source>
        <translation>Mã khôi phục mới của quầy (mã cũ hết hiệu lực). Hãy chép hoặc in ra và cất giữ xa máy tính:

{code}</translation>
    </message>
    <message>
        <source>Đang sao lưu…</source>
        <translation>Đang sao lưu…</translation>
    </message>
    <message>
        <source>Đã sao lưu {n} hồ sơ vào {path}.</source>
        <translation>Đã sao lưu {n} hồ sơ vào {path}.</translation>
    </message>
    <message>
        <source>sao lưu</source>
        <translation>sao lưu</translation>
    </message>
</context>
<context>
    <name>PageZoom</name>
    <message>
        <source>Xem trang</source>
        <translation>Xem trang</translation>
    </message>
</context>
<context>
    <name>PaperPreviewDialog</name>
    <message>
        <source>&amp;In (Ctrl+P)</source>
        <translation>&amp;In (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Lưu PDF…</source>
        <translation>&amp;Lưu PDF…</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <source>in giấy tờ</source>
        <translation>in giấy tờ</translation>
    </message>
    <message>
        <source>Đang in…</source>
        <translation>Đang in…</translation>
    </message>
    <message>
        <source>Không ghi được tệp {file}: thư mục không có hoặc không được ghi. Hãy chọn nơi lưu khác rồi bấm In lần nữa.</source>
        <translation>Không ghi được tệp {file}: thư mục không có hoặc không được ghi. Hãy chọn nơi lưu khác rồi bấm In lần nữa.</translation>
    </message>
    <message>
        <source>Máy in chưa sẵn sàng: hãy kiểm tra máy in đã bật, còn giấy và đã chọn đúng máy in, rồi bấm In lần nữa.</source>
        <translation>Máy in chưa sẵn sàng: hãy kiểm tra máy in đã bật, còn giấy và đã chọn đúng máy in, rồi bấm In lần nữa.</translation>
    </message>
    <message>
        <source> (bản in lại)</source>
        <translation> (bản in lại)</translation>
    </message>
    <message>
        <source>Đã gửi lệnh in{note}.</source>
        <translation>Đã gửi lệnh in{note}.</translation>
    </message>
    <message>
        <source>Lưu tệp PDF</source>
        <translation>Lưu tệp PDF</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>lưu tệp PDF</source>
        <translation>lưu tệp PDF</translation>
    </message>
    <message>
        <source>Đã lưu {path}</source>
        <translation>Đã lưu {path}</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Đổi mật khẩu</source>
        <translation>Đổi mật khẩu</translation>
    </message>
    <message>
        <source>Bạn đang dùng mật khẩu tạm: hãy đặt mật khẩu riêng.</source>
        <translation>Bạn đang dùng mật khẩu tạm: hãy đặt mật khẩu riêng.</translation>
    </message>
    <message>
        <source>Mật khẩu &amp;hiện tại</source>
        <translation>Mật khẩu &amp;hiện tại</translation>
    </message>
    <message>
        <source>Mật khẩu &amp;mới</source>
        <translation>Mật khẩu &amp;mới</translation>
    </message>
    <message>
        <source>&amp;Nhập lại</source>
        <translation>&amp;Nhập lại</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu mới không khớp.</source>
        <translation>Hai lần nhập mật khẩu mới không khớp.</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Thu phí, lệ phí</source>
        <translation>Thu phí, lệ phí</translation>
    </message>
    <message>
        <source>Mã hồ sơ, rồi Enter</source>
        <translation>Mã hồ sơ, rồi Enter</translation>
    </message>
    <message>
        <source>&amp;Tiền mặt</source>
        <translation>&amp;Tiền mặt</translation>
    </message>
    <message>
        <source>&amp;Chuyển khoản (VietQR)</source>
        <translation>&amp;Chuyển khoản (VietQR)</translation>
    </message>
    <message>
        <source>Đã nhận tiền — cấp &amp;biên lai (Ctrl+Enter)</source>
        <translation>Đã nhận tiền — cấp &amp;biên lai (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <source>Đã thu — biên lai {series} số {number:07d}</source>
        <translation>Đã thu — biên lai {series} số {number:07d}</translation>
    </message>
    <message>
        <source>Đã thu tại quầy {desk} — biên lai {series} số {number:07d}</source>
        <translation>Đã thu tại quầy {desk} — biên lai {series} số {number:07d}</translation>
    </message>
    <message>
        <source>{amount}, ngày {day}; không thu lần nữa.</source>
        <translation>{amount}, ngày {day}; không thu lần nữa.</translation>
    </message>
    <message>
        <source>Chưa có mức thu</source>
        <translation>Chưa có mức thu</translation>
    </message>
    <message>
        <source>Mức thu của khoản phí này do HĐND tỉnh quy định và quầy chưa có. Quản trị viên nhập mức thu tại Cài đặt → Phí, lệ phí do tỉnh quy định (hoặc lệnh desk-app fees set-amount). Hồ sơ vẫn được tiếp nhận bình thường; thu phí sau khi có mức thu.</source>
        <translation>Mức thu của khoản phí này do HĐND tỉnh quy định và quầy chưa có. Quản trị viên nhập mức thu tại Cài đặt → Phí, lệ phí do tỉnh quy định (hoặc lệnh desk-app fees set-amount). Hồ sơ vẫn được tiếp nhận bình thường; thu phí sau khi có mức thu.</translation>
    </message>
    <message>
        <source>Không có khoản phải nộp</source>
        <translation>Không có khoản phải nộp</translation>
    </message>
    <message>
        <source>Biên lai thu phí, lệ phí {series} {number:07d}</source>
        <translation>Biên lai thu phí, lệ phí {series} {number:07d}</translation>
    </message>
    <message>
        <source>&amp;In hai liên (Ctrl+P)</source>
        <translation>&amp;In hai liên (Ctrl+P)</translation>
    </message>
    <message>
        <source>thu phí</source>
        <translation>thu phí</translation>
    </message>
</context>
<context>
    <name>PersonFields</name>
    <message>
        <source>12 chữ số</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <source>ngày/tháng/năm</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <source>Nam</source>
        <translation>Nam</translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <source>Cá nhân (số định danh)</source>
        <translation>Cá nhân (số định danh)</translation>
    </message>
    <message>
        <source>Tổ chức (mã số thuế)</source>
        <translation>Tổ chức (mã số thuế)</translation>
    </message>
    <message>
        <source>Người nước ngoài (hộ chiếu)</source>
        <translation>Người nước ngoài (hộ chiếu)</translation>
    </message>
    <message>
        <source>Họ và tên *</source>
        <translation>Họ và tên *</translation>
    </message>
    <message>
        <source>Số định danh *</source>
        <translation>Số định danh *</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Cá nhân/tổ chức</source>
        <translation>Cá nhân/tổ chức</translation>
    </message>
    <message>
        <source>Địa chỉ *</source>
        <translation>Địa chỉ *</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>10 chữ số, hoặc 10 chữ số-3 chữ số</source>
        <translation>10 chữ số, hoặc 10 chữ số-3 chữ số</translation>
    </message>
    <message>
        <source>số hộ chiếu</source>
        <translation>số hộ chiếu</translation>
    </message>
</context>
<context>
    <name>PrinterChoice</name>
    <message>
        <source>Máy in mặc định của hệ thống</source>
        <translation>Máy in mặc định của hệ thống</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <source>Tìm thủ tục theo tên hoặc mã (gõ không dấu cũng được)</source>
        <translation>Tìm thủ tục theo tên hoặc mã (gõ không dấu cũng được)</translation>
    </message>
</context>
<context>
    <name>ProvinceFeesBox</name>
    <message>
        <source>Phí, lệ phí do tỉnh quy định</source>
        <translation>Phí, lệ phí do tỉnh quy định</translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Mức thu mỗi bộ</source>
        <translation>Mức thu mỗi bộ</translation>
    </message>
    <message>
        <source>Căn cứ</source>
        <translation>Căn cứ</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>số đồng, ví dụ 8.000</source>
        <translation>số đồng, ví dụ 8.000</translation>
    </message>
    <message>
        <source>căn cứ, ví dụ số nghị quyết của HĐND tỉnh</source>
        <translation>căn cứ, ví dụ số nghị quyết của HĐND tỉnh</translation>
    </message>
    <message>
        <source>Lưu &amp;mức thu</source>
        <translation>Lưu &amp;mức thu</translation>
    </message>
    <message>
        <source>Chỉ quản trị nhập được mức thu.</source>
        <translation>Chỉ quản trị nhập được mức thu.</translation>
    </message>
    <message>
        <source>Chọn thủ tục, nhập mức thu tỉnh quy định; các quầy khác của xã nhận khi đồng bộ. Mức cấp trên công bố được áp dụng thay.</source>
        <translation>Chọn thủ tục, nhập mức thu tỉnh quy định; các quầy khác của xã nhận khi đồng bộ. Mức cấp trên công bố được áp dụng thay.</translation>
    </message>
    <message>
        <source>đọc mức thu</source>
        <translation>đọc mức thu</translation>
    </message>
    <message>
        <source>Quầy này</source>
        <translation>Quầy này</translation>
    </message>
    <message>
        <source>Quầy khác của xã</source>
        <translation>Quầy khác của xã</translation>
    </message>
    <message>
        <source>Cấp trên công bố</source>
        <translation>Cấp trên công bố</translation>
    </message>
    <message>
        <source>Chưa có mức thu</source>
        <translation>Chưa có mức thu</translation>
    </message>
    <message>
        <source>Chọn một thủ tục trong bảng.</source>
        <translation>Chọn một thủ tục trong bảng.</translation>
    </message>
    <message>
        <source>Đã ghi; các quầy khác của xã nhận khi đồng bộ.</source>
        <translation>Đã ghi; các quầy khác của xã nhận khi đồng bộ.</translation>
    </message>
    <message>
        <source>ghi mức thu</source>
        <translation>ghi mức thu</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <source>Giấy tiếp nhận hồ sơ {code}</source>
        <translation>Giấy tiếp nhận hồ sơ {code}</translation>
    </message>
    <message>
        <source>&amp;In hai liên (Ctrl+P)</source>
        <translation>&amp;In hai liên (Ctrl+P)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Quý</source>
        <translation>Quý</translation>
    </message>
    <message>
        <source>Tháng</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>6 tháng</source>
        <translation>6 tháng</translation>
    </message>
    <message>
        <source>Năm</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>2026-Q1, 2026-H1, 2026-03 hoặc 2026</source>
        <translation>2026-Q1, 2026-H1, 2026-03 hoặc 2026</translation>
    </message>
    <message>
        <source>&amp;Lập báo cáo</source>
        <translation>&amp;Lập báo cáo</translation>
    </message>
    <message>
        <source>Xuất &amp;Excel…</source>
        <translation>Xuất &amp;Excel…</translation>
    </message>
    <message>
        <source>Xuất &amp;PDF…</source>
        <translation>Xuất &amp;PDF…</translation>
    </message>
    <message>
        <source>Kỳ báo cáo:</source>
        <translation>Kỳ báo cáo:</translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Kết quả giải quyết trong kỳ</source>
        <translation>Kết quả giải quyết trong kỳ</translation>
    </message>
    <message>
        <source>Số hóa và hài lòng</source>
        <translation>Số hóa và hài lòng</translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ (Mẫu 07)</source>
        <translation>Sổ theo dõi hồ sơ (Mẫu 07)</translation>
    </message>
    <message>
        <source>Xuất sổ PDF…</source>
        <translation>Xuất sổ PDF…</translation>
    </message>
    <message>
        <source>Xuất sổ Excel…</source>
        <translation>Xuất sổ Excel…</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>đến ngày</source>
        <translation>đến ngày</translation>
    </message>
    <message>
        <source>lập báo cáo</source>
        <translation>lập báo cáo</translation>
    </message>
    <message>
        <source>Tháng {n} năm {year}</source>
        <translation>Tháng {n} năm {year}</translation>
    </message>
    <message>
        <source>Quý {n} năm {year}</source>
        <translation>Quý {n} năm {year}</translation>
    </message>
    <message>
        <source>6 tháng đầu năm {year}</source>
        <translation>6 tháng đầu năm {year}</translation>
    </message>
    <message>
        <source>6 tháng cuối năm {year}</source>
        <translation>6 tháng cuối năm {year}</translation>
    </message>
    <message>
        <source>Năm {year}</source>
        <translation>Năm {year}</translation>
    </message>
    <message>
        <source>{name} (từ {start} đến {end})</source>
        <translation>{name} (từ {start} đến {end})</translation>
    </message>
    <message>
        <source>TỔNG CỘNG</source>
        <translation>TỔNG CỘNG</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <source>Trước hạn</source>
        <translation>Trước hạn</translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation>Đang giải quyết</translation>
    </message>
    <message>
        <source>Chờ bổ sung</source>
        <translation>Chờ bổ sung</translation>
    </message>
    <message>
        <source>Số hóa đủ (%)</source>
        <translation>Số hóa đủ (%)</translation>
    </message>
    <message>
        <source>Kết quả số hóa (%)</source>
        <translation>Kết quả số hóa (%)</translation>
    </message>
    <message>
        <source>Hài lòng (%)</source>
        <translation>Hài lòng (%)</translation>
    </message>
    <message>
        <source>Xuất báo cáo</source>
        <translation>Xuất báo cáo</translation>
    </message>
    <message>
        <source>Đã ghi {path}</source>
        <translation>Đã ghi {path}</translation>
    </message>
    <message>
        <source>xuất báo cáo</source>
        <translation>xuất báo cáo</translation>
    </message>
    <message>
        <source>Xuất Sổ theo dõi hồ sơ</source>
        <translation>Xuất Sổ theo dõi hồ sơ</translation>
    </message>
    <message>
        <source>Đang xuất sổ…</source>
        <translation>Đang xuất sổ…</translation>
    </message>
    <message>
        <source>Đã ghi sổ ({n} hồ sơ) vào {path}</source>
        <translation>Đã ghi sổ ({n} hồ sơ) vào {path}</translation>
    </message>
    <message>
        <source>xuất sổ theo dõi</source>
        <translation>xuất sổ theo dõi</translation>
    </message>
</context>
<context>
    <name>ReusePapers</name>
    <message>
        <source>Giấy tờ đã số hóa của công dân còn hiệu lực — đánh dấu để dùng lại</source>
        <translation>Giấy tờ đã số hóa của công dân còn hiệu lực — đánh dấu để dùng lại</translation>
    </message>
</context>
<context>
    <name>ScannerTest</name>
    <message>
        <source>&amp;Tìm máy quét</source>
        <translation>&amp;Tìm máy quét</translation>
    </message>
    <message>
        <source>&amp;Quét thử một trang</source>
        <translation>&amp;Quét thử một trang</translation>
    </message>
    <message>
        <source>Đang tìm máy quét…</source>
        <translation>Đang tìm máy quét…</translation>
    </message>
    <message>
        <source>Thấy {n} máy quét. Đặt một trang lên máy rồi quét thử.</source>
        <translation>Thấy {n} máy quét. Đặt một trang lên máy rồi quét thử.</translation>
    </message>
    <message>
        <source>Không thấy máy quét. Kiểm tra cáp và nguồn rồi tìm lại; vẫn số hóa được bằng tệp hoặc thư mục quét.</source>
        <translation>Không thấy máy quét. Kiểm tra cáp và nguồn rồi tìm lại; vẫn số hóa được bằng tệp hoặc thư mục quét.</translation>
    </message>
    <message>
        <source>tìm máy quét</source>
        <translation>tìm máy quét</translation>
    </message>
    <message>
        <source>Đang quét thử…</source>
        <translation>Đang quét thử…</translation>
    </message>
    <message>
        <source>Máy quét không trả về trang nào: hãy đặt giấy lên máy rồi quét lại.</source>
        <translation>Máy quét không trả về trang nào: hãy đặt giấy lên máy rồi quét lại.</translation>
    </message>
    <message>
        <source>Máy quét hoạt động: trang quét thử ở bên phải.</source>
        <translation>Máy quét hoạt động: trang quét thử ở bên phải.</translation>
    </message>
    <message>
        <source>quét thử</source>
        <translation>quét thử</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>&amp;Lưu cài đặt của xã</source>
        <translation>&amp;Lưu cài đặt của xã</translation>
    </message>
    <message>
        <source>Chỉ quản trị đổi được cài đặt của xã.</source>
        <translation>Chỉ quản trị đổi được cài đặt của xã.</translation>
    </message>
    <message>
        <source>Xã và quầy</source>
        <translation>Xã và quầy</translation>
    </message>
    <message>
        <source>Máy chủ cấp trên và đăng ký quầy: trang Đồng bộ (Ctrl+Y). Tài khoản và mật khẩu: trang Cán bộ (Ctrl+U).</source>
        <translation>Máy chủ cấp trên và đăng ký quầy: trang Đồng bộ (Ctrl+Y). Tài khoản và mật khẩu: trang Cán bộ (Ctrl+U).</translation>
    </message>
    <message>
        <source>Máy in và máy quét của máy này</source>
        <translation>Máy in và máy quét của máy này</translation>
    </message>
    <message>
        <source>Máy &amp;in</source>
        <translation>Máy &amp;in</translation>
    </message>
    <message>
        <source>Máy &amp;quét</source>
        <translation>Máy &amp;quét</translation>
    </message>
    <message>
        <source> điểm</source>
        <translation> điểm</translation>
    </message>
    <message>
        <source>Hiển thị trên máy này</source>
        <translation>Hiển thị trên máy này</translation>
    </message>
    <message>
        <source>&amp;Cỡ chữ</source>
        <translation>&amp;Cỡ chữ</translation>
    </message>
    <message>
        <source>&amp;Ngôn ngữ</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Đã lưu cài đặt của xã.</source>
        <translation>Đã lưu cài đặt của xã.</translation>
    </message>
    <message>
        <source>lưu cài đặt</source>
        <translation>lưu cài đặt</translation>
    </message>
    <message>
        <source>Chưa có bản dịch cho ngôn ngữ này: phần mềm vẫn hiện tiếng Việt.</source>
        <translation>Chưa có bản dịch cho ngôn ngữ này: phần mềm vẫn hiện tiếng Việt.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Thiết lập quầy — Một cửa</source>
        <translation>Thiết lập quầy — Một cửa</translation>
    </message>
    <message>
        <source>&amp;Tiếp &gt;</source>
        <translation>&amp;Tiếp &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Lùi</source>
        <translation>&lt; &amp;Lùi</translation>
    </message>
    <message>
        <source>&amp;Hoàn tất</source>
        <translation>&amp;Hoàn tất</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>{unit} ({code}), {province} — quầy số {desk}.
Máy chủ: {server}.
Quản trị: {name} ({user}).

Bấm Hoàn tất để tạo dữ liệu quầy (được mã hóa).</source>
        <translation>{unit} ({code}), {province} — quầy số {desk}.
Máy chủ: {server}.
Quản trị: {name} ({user}).

Bấm Hoàn tất để tạo dữ liệu quầy (được mã hóa).</translation>
    </message>
    <message>
        <source>làm việc ngoại tuyến</source>
        <translation>làm việc ngoại tuyến</translation>
    </message>
    <message>
        <source>Chưa đăng ký được với máy chủ: {why} Quầy làm việc ngoại tuyến; đăng ký lại ở trang Đồng bộ (Ctrl+Y).</source>
        <translation>Chưa đăng ký được với máy chủ: {why} Quầy làm việc ngoại tuyến; đăng ký lại ở trang Đồng bộ (Ctrl+Y).</translation>
    </message>
    <message>
        <source>Đang tạo dữ liệu quầy…</source>
        <translation>Đang tạo dữ liệu quầy…</translation>
    </message>
    <message>
        <source>thiết lập quầy</source>
        <translation>thiết lập quầy</translation>
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
        <translation>Tệp chứng thư số (.p12)</translation>
    </message>
    <message>
        <source>Ký số bản số hóa</source>
        <translation>Ký số bản số hóa</translation>
    </message>
    <message>
        <source>Chữ ký số trên:</source>
        <translation>Chữ ký số trên:</translation>
    </message>
    <message>
        <source>Trình điều khiển USB token (PKCS#11)</source>
        <translation>Trình điều khiển USB token (PKCS#11)</translation>
    </message>
    <message>
        <source>Thư viện PKCS#11 (*.dll *.so *.dylib)</source>
        <translation>Thư viện PKCS#11 (*.dll *.so *.dylib)</translation>
    </message>
    <message>
        <source>Tên token:</source>
        <translation>Tên token:</translation>
    </message>
    <message>
        <source>Mã PIN:</source>
        <translation>Mã PIN:</translation>
    </message>
    <message>
        <source>Chọn tệp chứng thư số</source>
        <translation>Chọn tệp chứng thư số</translation>
    </message>
    <message>
        <source>Chứng thư số (*.p12 *.pfx)</source>
        <translation>Chứng thư số (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Mật khẩu chứng thư số</source>
        <translation>Mật khẩu chứng thư số</translation>
    </message>
    <message>
        <source>Mật khẩu:</source>
        <translation>Mật khẩu:</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Máy chủ</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>Còn chờ gửi</source>
        <translation>Còn chờ gửi</translation>
    </message>
    <message>
        <source>Lần thành công gần nhất</source>
        <translation>Lần thành công gần nhất</translation>
    </message>
    <message>
        <source>Lỗi gần nhất</source>
        <translation>Lỗi gần nhất</translation>
    </message>
    <message>
        <source>Nhật ký truy cập</source>
        <translation>Nhật ký truy cập</translation>
    </message>
    <message>
        <source>Đồng bộ &amp;ngay (F9)</source>
        <translation>Đồng bộ &amp;ngay (F9)</translation>
    </message>
    <message>
        <source>Đăng ký quầy với máy chủ…</source>
        <translation>Đăng ký quầy với máy chủ…</translation>
    </message>
    <message>
        <source>Xuất gói USB…</source>
        <translation>Xuất gói USB…</translation>
    </message>
    <message>
        <source>Nhập xác nhận từ USB…</source>
        <translation>Nhập xác nhận từ USB…</translation>
    </message>
    <message>
        <source>Đã &amp;xử lý mục chọn</source>
        <translation>Đã &amp;xử lý mục chọn</translation>
    </message>
    <message>
        <source>đọc trạng thái đồng bộ</source>
        <translation>đọc trạng thái đồng bộ</translation>
    </message>
    <message>
        <source>Chưa đăng ký — quầy làm việc ngoại tuyến</source>
        <translation>Chưa đăng ký — quầy làm việc ngoại tuyến</translation>
    </message>
    <message>
        <source>{url} — quầy {n} của {commune}</source>
        <translation>{url} — quầy {n} của {commune}</translation>
    </message>
    <message>
        <source>{n} mục</source>
        <translation>{n} mục</translation>
    </message>
    <message>
        <source>Đồng bộ: còn chờ {n}</source>
        <translation>Đồng bộ: còn chờ {n}</translation>
    </message>
    <message>
        <source>Làm việc ngoại tuyến — dữ liệu lưu tại máy</source>
        <translation>Làm việc ngoại tuyến — dữ liệu lưu tại máy</translation>
    </message>
    <message>
        <source>, {n} mục lỗi chờ xử lý</source>
        <translation>, {n} mục lỗi chờ xử lý</translation>
    </message>
    <message>
        <source>chưa có xác nhận của máy chủ</source>
        <translation>chưa có xác nhận của máy chủ</translation>
    </message>
    <message>
        <source>khớp với bản máy chủ đã xác nhận đến mục {n} ({at})</source>
        <translation>khớp với bản máy chủ đã xác nhận đến mục {n} ({at})</translation>
    </message>
    <message>
        <source>Mục lỗi chờ người xử lý: {n}</source>
        <translation>Mục lỗi chờ người xử lý: {n}</translation>
    </message>
    <message>
        <source>Không có mục lỗi.</source>
        <translation>Không có mục lỗi.</translation>
    </message>
    <message>
        <source>Mục {ref}</source>
        <translation>Mục {ref}</translation>
    </message>
    <message>
        <source>Tệp {ref}…</source>
        <translation>Tệp {ref}…</translation>
    </message>
    <message>
        <source>Đã đánh dấu mục lỗi là đã xử lý.</source>
        <translation>Đã đánh dấu mục lỗi là đã xử lý.</translation>
    </message>
    <message>
        <source>đánh dấu mục lỗi</source>
        <translation>đánh dấu mục lỗi</translation>
    </message>
    <message>
        <source>Đang đồng bộ…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <source>đồng bộ</source>
        <translation>đồng bộ</translation>
    </message>
    <message>
        <source>Đăng ký quầy</source>
        <translation>Đăng ký quầy</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ:</source>
        <translation>Địa chỉ máy chủ:</translation>
    </message>
    <message>
        <source>Mã đăng ký (do quản trị máy chủ cấp):</source>
        <translation>Mã đăng ký (do quản trị máy chủ cấp):</translation>
    </message>
    <message>
        <source>Đang đăng ký…</source>
        <translation>Đang đăng ký…</translation>
    </message>
    <message>
        <source>Đã đăng ký quầy với máy chủ.</source>
        <translation>Đã đăng ký quầy với máy chủ.</translation>
    </message>
    <message>
        <source>đăng ký quầy</source>
        <translation>đăng ký quầy</translation>
    </message>
    <message>
        <source>Ghi gói USB</source>
        <translation>Ghi gói USB</translation>
    </message>
    <message>
        <source>Gói dữ liệu (*.zip)</source>
        <translation>Gói dữ liệu (*.zip)</translation>
    </message>
    <message>
        <source>Đã ghi gói: {n} mục, {b} tệp số hóa.</source>
        <translation>Đã ghi gói: {n} mục, {b} tệp số hóa.</translation>
    </message>
    <message>
        <source>xuất gói USB</source>
        <translation>xuất gói USB</translation>
    </message>
    <message>
        <source>Tệp xác nhận của máy chủ</source>
        <translation>Tệp xác nhận của máy chủ</translation>
    </message>
    <message>
        <source>Tệp xác nhận (*.json)</source>
        <translation>Tệp xác nhận (*.json)</translation>
    </message>
    <message>
        <source>Máy chủ đã xác nhận đến mục {n}.</source>
        <translation>Máy chủ đã xác nhận đến mục {n}.</translation>
    </message>
    <message>
        <source>nhập xác nhận</source>
        <translation>nhập xác nhận</translation>
    </message>
</context>
<context>
    <name>TagsForm</name>
    <message>
        <source>Giữ cả trang trắng</source>
        <translation>Giữ cả trang trắng</translation>
    </message>
    <message>
        <source>để trống: người nộp</source>
        <translation>để trống: người nộp</translation>
    </message>
    <message>
        <source>Chế độ màu</source>
        <translation>Chế độ màu</translation>
    </message>
    <message>
        <source>Loại giấy tờ</source>
        <translation>Loại giấy tờ</translation>
    </message>
    <message>
        <source>Số định danh chủ giấy tờ</source>
        <translation>Số định danh chủ giấy tờ</translation>
    </message>
    <message>
        <source>Số, ký hiệu</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <source>Cơ quan cấp</source>
        <translation>Cơ quan cấp</translation>
    </message>
    <message>
        <source>Ngày cấp</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <source>Hiệu lực đến</source>
        <translation>Hiệu lực đến</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>{view}: {n} hồ sơ. Enter để mở hồ sơ.</source>
        <translation>{view}: {n} hồ sơ. Enter để mở hồ sơ.</translation>
    </message>
    <message>
        <source>xem việc hôm nay</source>
        <translation>xem việc hôm nay</translation>
    </message>
</context>
<context>
    <name>_AdminPage</name>
    <message>
        <source>Tài khoản quản trị</source>
        <translation>Tài khoản quản trị</translation>
    </message>
    <message>
        <source>Mật khẩu này mở khóa dữ liệu của quầy (được mã hóa): hãy ghi nhớ. Sau khi hoàn tất, máy hiện một mã khôi phục để cất giữ.</source>
        <translation>Mật khẩu này mở khóa dữ liệu của quầy (được mã hóa): hãy ghi nhớ. Sau khi hoàn tất, máy hiện một mã khôi phục để cất giữ.</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập</source>
        <translation>&amp;Tên đăng nhập</translation>
    </message>
    <message>
        <source>&amp;Họ và tên</source>
        <translation>&amp;Họ và tên</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu (ít nhất {n} ký tự)</source>
        <translation>&amp;Mật khẩu (ít nhất {n} ký tự)</translation>
    </message>
    <message>
        <source>&amp;Nhập lại mật khẩu</source>
        <translation>&amp;Nhập lại mật khẩu</translation>
    </message>
    <message>
        <source>Hãy nhập tên đăng nhập và họ tên người quản trị.</source>
        <translation>Hãy nhập tên đăng nhập và họ tên người quản trị.</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
</context>
<context>
    <name>_CommunePage</name>
    <message>
        <source>Xã và quầy</source>
        <translation>Xã và quầy</translation>
    </message>
    <message>
        <source>Mã định danh của UBND xã (Quyết định 20/2020/QĐ-TTg), tên in trên giấy tờ, và số của quầy này (mỗi quầy trong xã một số khác nhau).</source>
        <translation>Mã định danh của UBND xã (Quyết định 20/2020/QĐ-TTg), tên in trên giấy tờ, và số của quầy này (mỗi quầy trong xã một số khác nhau).</translation>
    </message>
</context>
<context>
    <name>_DevicesPage</name>
    <message>
        <source>Máy in và máy quét</source>
        <translation>Máy in và máy quét</translation>
    </message>
    <message>
        <source>Máy in cho Giấy tiếp nhận và các mẫu; máy quét để số hóa hồ sơ. Bỏ qua được: đổi lại trong Cài đặt.</source>
        <translation>Máy in cho Giấy tiếp nhận và các mẫu; máy quét để số hóa hồ sơ. Bỏ qua được: đổi lại trong Cài đặt.</translation>
    </message>
    <message>
        <source>Máy &amp;in</source>
        <translation>Máy &amp;in</translation>
    </message>
    <message>
        <source>Máy &amp;quét</source>
        <translation>Máy &amp;quét</translation>
    </message>
</context>
<context>
    <name>_FinishPage</name>
    <message>
        <source>Hoàn tất</source>
        <translation>Hoàn tất</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <source>Thoát</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>mở dữ liệu quầy</source>
        <translation>mở dữ liệu quầy</translation>
    </message>
</context>
<context>
    <name>_ServerPage</name>
    <message>
        <source>Máy chủ cấp trên</source>
        <translation>Máy chủ cấp trên</translation>
    </message>
    <message>
        <source>Quầy làm việc đầy đủ khi không có mạng. Khi có địa chỉ máy chủ và mã đăng ký (do quản trị máy chủ cấp), quầy gửi hồ sơ lên theo lô mỗi khi có kết nối.</source>
        <translation>Quầy làm việc đầy đủ khi không có mạng. Khi có địa chỉ máy chủ và mã đăng ký (do quản trị máy chủ cấp), quầy gửi hồ sơ lên theo lô mỗi khi có kết nối.</translation>
    </message>
    <message>
        <source>&amp;Làm việc ngoại tuyến trước, đăng ký sau</source>
        <translation>&amp;Làm việc ngoại tuyến trước, đăng ký sau</translation>
    </message>
    <message>
        <source>Đăng ký &amp;với máy chủ ngay</source>
        <translation>Đăng ký &amp;với máy chủ ngay</translation>
    </message>
    <message>
        <source>để trống: chính máy chủ ở trên</source>
        <translation>để trống: chính máy chủ ở trên</translation>
    </message>
    <message>
        <source>&amp;Địa chỉ máy chủ</source>
        <translation>&amp;Địa chỉ máy chủ</translation>
    </message>
    <message>
        <source>&amp;Mã đăng ký</source>
        <translation>&amp;Mã đăng ký</translation>
    </message>
    <message>
        <source>Địa chỉ &amp;tra cứu (mã QR)</source>
        <translation>Địa chỉ &amp;tra cứu (mã QR)</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ bắt đầu bằng https:// (hoặc http://).</source>
        <translation>Địa chỉ máy chủ bắt đầu bằng https:// (hoặc http://).</translation>
    </message>
    <message>
        <source>Hãy nhập mã đăng ký do quản trị máy chủ cấp.</source>
        <translation>Hãy nhập mã đăng ký do quản trị máy chủ cấp.</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Căn cước / CCCD</source>
        <translation>Căn cước / CCCD</translation>
    </message>
    <message>
        <source>Giấy khai sinh</source>
        <translation>Giấy khai sinh</translation>
    </message>
    <message>
        <source>Giấy chứng nhận kết hôn</source>
        <translation>Giấy chứng nhận kết hôn</translation>
    </message>
    <message>
        <source>Giấy tờ về cư trú</source>
        <translation>Giấy tờ về cư trú</translation>
    </message>
    <message>
        <source>Giấy chứng nhận quyền sử dụng đất</source>
        <translation>Giấy chứng nhận quyền sử dụng đất</translation>
    </message>
    <message>
        <source>Giấy ủy quyền</source>
        <translation>Giấy ủy quyền</translation>
    </message>
    <message>
        <source>Kết quả giải quyết thủ tục</source>
        <translation>Kết quả giải quyết thủ tục</translation>
    </message>
    <message>
        <source>Giấy tờ khác</source>
        <translation>Giấy tờ khác</translation>
    </message>
    <message>
        <source>Nộp trực tuyến</source>
        <translation>Nộp trực tuyến</translation>
    </message>
    <message>
        <source>Đã tiếp nhận</source>
        <translation>Đã tiếp nhận</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận</source>
        <translation>Từ chối tiếp nhận</translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation>Đang giải quyết</translation>
    </message>
    <message>
        <source>Chờ bổ sung</source>
        <translation>Chờ bổ sung</translation>
    </message>
    <message>
        <source>Chờ nộp phí</source>
        <translation>Chờ nộp phí</translation>
    </message>
    <message>
        <source>Công dân rút hồ sơ</source>
        <translation>Công dân rút hồ sơ</translation>
    </message>
    <message>
        <source>Dừng giải quyết</source>
        <translation>Dừng giải quyết</translation>
    </message>
    <message>
        <source>Có kết quả, chờ trả</source>
        <translation>Có kết quả, chờ trả</translation>
    </message>
    <message>
        <source>Đã trả kết quả</source>
        <translation>Đã trả kết quả</translation>
    </message>
    <message>
        <source>Trực tiếp</source>
        <translation>Trực tiếp</translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>Qua bưu chính</source>
        <translation>Qua bưu chính</translation>
    </message>
    <message>
        <source>Chuyển xử lý</source>
        <translation>Chuyển xử lý</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung hồ sơ</source>
        <translation>Yêu cầu bổ sung hồ sơ</translation>
    </message>
    <message>
        <source>Nhận hồ sơ bổ sung</source>
        <translation>Nhận hồ sơ bổ sung</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận, giải quyết</source>
        <translation>Từ chối tiếp nhận, giải quyết</translation>
    </message>
    <message>
        <source>Xin lỗi và hẹn lại</source>
        <translation>Xin lỗi và hẹn lại</translation>
    </message>
    <message>
        <source>Dừng giải quyết theo đề nghị</source>
        <translation>Dừng giải quyết theo đề nghị</translation>
    </message>
    <message>
        <source>Nhận kết quả về Bộ phận Một cửa</source>
        <translation>Nhận kết quả về Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>Trả kết quả</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <source>Gia hạn theo quy định</source>
        <translation>Gia hạn theo quy định</translation>
    </message>
    <message>
        <source>Yêu cầu nộp phí, lệ phí</source>
        <translation>Yêu cầu nộp phí, lệ phí</translation>
    </message>
    <message>
        <source>Công dân đã nộp phí, lệ phí</source>
        <translation>Công dân đã nộp phí, lệ phí</translation>
    </message>
    <message>
        <source>Cần xác minh (hộ tịch)</source>
        <translation>Cần xác minh (hộ tịch)</translation>
    </message>
    <message>
        <source>Nhiều giấy tờ, nhiều trang hoặc nhiều bản sao (chứng thực)</source>
        <translation>Nhiều giấy tờ, nhiều trang hoặc nhiều bản sao (chứng thực)</translation>
    </message>
    <message>
        <source>Thỏa thuận bằng văn bản với người yêu cầu</source>
        <translation>Thỏa thuận bằng văn bản với người yêu cầu</translation>
    </message>
    <message>
        <source>tạm dừng</source>
        <translation>tạm dừng</translation>
    </message>
    <message>
        <source>tính lại từ đầu</source>
        <translation>tính lại từ đầu</translation>
    </message>
    <message>
        <source>Số định danh cá nhân</source>
        <translation>Số định danh cá nhân</translation>
    </message>
    <message>
        <source>Mã số thuế/mã số doanh nghiệp</source>
        <translation>Mã số thuế/mã số doanh nghiệp</translation>
    </message>
    <message>
        <source>Số hộ chiếu</source>
        <translation>Số hộ chiếu</translation>
    </message>
    <message>
        <source>Lịch nghỉ lễ theo quy định (gói holidays)</source>
        <translation>Lịch nghỉ lễ theo quy định (gói holidays)</translation>
    </message>
    <message>
        <source>Quầy này đặt</source>
        <translation>Quầy này đặt</translation>
    </message>
    <message>
        <source>Quầy khác của xã đặt</source>
        <translation>Quầy khác của xã đặt</translation>
    </message>
    <message>
        <source>Cấp trên công bố</source>
        <translation>Cấp trên công bố</translation>
    </message>
    <message>
        <source>Trước hạn</source>
        <translation>Trước hạn</translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation>Rất hài lòng</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Hài lòng</translation>
    </message>
    <message>
        <source>Chấp nhận được</source>
        <translation>Chấp nhận được</translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation>Không hài lòng</translation>
    </message>
    <message>
        <source>Tại Bộ phận Một cửa</source>
        <translation>Tại Bộ phận Một cửa</translation>
    </message>
    <message>
        <source>Qua dịch vụ bưu chính</source>
        <translation>Qua dịch vụ bưu chính</translation>
    </message>
    <message>
        <source>Cán bộ tiếp nhận</source>
        <translation>Cán bộ tiếp nhận</translation>
    </message>
    <message>
        <source>Lãnh đạo UBND xã</source>
        <translation>Lãnh đạo UBND xã</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Quản trị</translation>
    </message>
    <message>
        <source>Bản chính</source>
        <translation>Bản chính</translation>
    </message>
    <message>
        <source>Bản sao</source>
        <translation>Bản sao</translation>
    </message>
    <message>
        <source>Bản sao chứng thực</source>
        <translation>Bản sao chứng thực</translation>
    </message>
    <message>
        <source>Bản chính hoặc bản sao chứng thực</source>
        <translation>Bản chính hoặc bản sao chứng thực</translation>
    </message>
    <message>
        <source>Đến hạn trả hôm nay</source>
        <translation>Đến hạn trả hôm nay</translation>
    </message>
    <message>
        <source>Đến hạn ngày làm việc tiếp theo</source>
        <translation>Đến hạn ngày làm việc tiếp theo</translation>
    </message>
    <message>
        <source>Sắp trễ hoặc đã trễ: cần xin lỗi, hẹn lại</source>
        <translation>Sắp trễ hoặc đã trễ: cần xin lỗi, hẹn lại</translation>
    </message>
    <message>
        <source>Chờ công dân bổ sung</source>
        <translation>Chờ công dân bổ sung</translation>
    </message>
    <message>
        <source>Đen trắng (văn bản)</source>
        <translation>Đen trắng (văn bản)</translation>
    </message>
    <message>
        <source>Xám</source>
        <translation>Xám</translation>
    </message>
    <message>
        <source>Màu (có dấu đỏ, ảnh)</source>
        <translation>Màu (có dấu đỏ, ảnh)</translation>
    </message>
    <message>
        <source>Kỳ trước chuyển qua</source>
        <translation>Kỳ trước chuyển qua</translation>
    </message>
    <message>
        <source>Tiếp nhận trong kỳ</source>
        <translation>Tiếp nhận trong kỳ</translation>
    </message>
    <message>
        <source>Tổng số phải giải quyết</source>
        <translation>Tổng số phải giải quyết</translation>
    </message>
    <message>
        <source>Đã giải quyết</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <source>Trong hạn</source>
        <translation>Trong hạn</translation>
    </message>
    <message>
        <source>Tạm dừng (chờ bổ sung)</source>
        <translation>Tạm dừng (chờ bổ sung)</translation>
    </message>
    <message>
        <source>Không giải quyết</source>
        <translation>Không giải quyết</translation>
    </message>
    <message>
        <source>Từ chối</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>Rút hồ sơ</source>
        <translation>Rút hồ sơ</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Không {action} được do lỗi ổ đĩa hoặc cơ sở dữ liệu ({error}). Không có gì được lưu dở dang. Hãy kiểm tra ổ đĩa còn trống rồi thử lại; nếu vẫn lỗi, báo quản trị.</source>
        <translation>Không {action} được do lỗi ổ đĩa hoặc cơ sở dữ liệu ({error}). Không có gì được lưu dở dang. Hãy kiểm tra ổ đĩa còn trống rồi thử lại; nếu vẫn lỗi, báo quản trị.</translation>
    </message>
    <message>
        <source>Không {action} được do lỗi không mong đợi ({error}). Hãy báo quản trị.</source>
        <translation>Không {action} được do lỗi không mong đợi ({error}). Hãy báo quản trị.</translation>
    </message>
</context>
</TS>
