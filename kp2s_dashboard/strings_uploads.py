"""UI strings of the upload guard (:mod:`kp2s_dashboard.uploads`) and the
reading bounds: keys ``err.upload_*``, ``err.sheet_*``, ``warn.csv_*``.
Merged into :data:`kp2s_dashboard.strings.CATALOGUE`. The location prefix
(``berkas X, lembar Y:``) names the file; each message says what to do."""

CATALOGUE: dict[str, dict[str, str]] = {
    "err.upload_too_large": {
        "id": "berkas berukuran {size} MB; batasnya {limit} MB. Unggah hanya lembar yang diperlukan (hapus lembar, "
              "gambar dan baris kosong lain) atau bagi berkas menjadi beberapa bagian",
        "en": "the file is {size} MB; the limit is {limit} MB. Upload only the sheets needed (delete other sheets, "
              "pictures and empty rows) or split the file",
    },
    "err.upload_empty": {
        "id": "berkas kosong (0 bita): simpan ulang berkas lalu unggah berkas yang tersimpan",
        "en": "the file is empty (0 bytes): save it again and upload the saved file",
    },
    "err.upload_encrypted": {
        "id": "buku kerja dilindungi kata sandi: simpan salinan tanpa kata sandi (Berkas → Info → Lindungi Buku "
              "Kerja → hapus kata sandi, atau Simpan Sebagai tanpa kata sandi) lalu unggah salinan itu",
        "en": "the workbook is protected with a password: save an unprotected copy (File → Info → Protect Workbook "
              "→ remove the password, or Save As without one) and upload that",
    },
    "err.upload_corrupt": {
        "id": "buku kerja rusak atau tidak lengkap (unggahan mungkin terputus): buka di Excel atau LibreOffice, "
              "simpan ulang, lalu unggah berkas yang tersimpan",
        "en": "the workbook is damaged or incomplete (the upload may have been cut off): open it in Excel or "
              "LibreOffice, save it again and upload the saved file",
    },
    "err.upload_is_csv": {
        "id": "berkas bernama {suffix} tetapi isinya teks (CSV), bukan buku kerja: ganti akhiran namanya menjadi "
              ".csv, atau buka lalu simpan sebagai Buku Kerja Excel (.xlsx)",
        "en": "the file is named {suffix} but holds text (CSV), not a workbook: rename it to .csv, or open it and "
              "save it as an Excel Workbook (.xlsx)",
    },
    "err.upload_is_xls": {
        "id": "berkas bernama {suffix} tetapi isinya buku kerja Excel 97–2003 (.xls): ganti akhiran namanya menjadi "
              ".xls, atau buka lalu simpan sebagai Buku Kerja Excel (.xlsx)",
        "en": "the file is named {suffix} but is an Excel 97–2003 workbook (.xls): rename it to .xls, or open it "
              "and save it as an Excel Workbook (.xlsx)",
    },
    "err.upload_is_xlsx": {
        "id": "berkas bernama {suffix} tetapi isinya buku kerja Excel (.xlsx): ganti akhiran namanya menjadi .xlsx",
        "en": "the file is named {suffix} but is an Excel workbook (.xlsx): rename it to .xlsx",
    },
    "err.upload_is_ods": {
        "id": "berkas bernama {suffix} tetapi isinya lembar kerja OpenDocument (.ods): ganti akhiran namanya "
              "menjadi .ods",
        "en": "the file is named {suffix} but is an OpenDocument spreadsheet (.ods): rename it to .ods",
    },
    "err.upload_is_pdf": {
        "id": "berkas bernama {suffix} tetapi isinya dokumen PDF, yang tabelnya tidak dapat dibaca: ekspor tabel "
              "dari lembar kerja aslinya sebagai .xlsx atau .csv",
        "en": "the file is named {suffix} but is a PDF document, whose tables cannot be read: export the table "
              "from the original spreadsheet as .xlsx or .csv",
    },
    "err.upload_is_html": {
        "id": "berkas bernama {suffix} tetapi isinya halaman web (HTML), seperti yang diunduh dari sebuah aplikasi: "
              "buka di Excel atau LibreOffice lalu simpan sebagai Buku Kerja Excel (.xlsx)",
        "en": "the file is named {suffix} but is a web page (HTML), as some applications export it: open it in "
              "Excel or LibreOffice and save it as an Excel Workbook (.xlsx)",
    },
    "err.upload_is_xml": {
        "id": "berkas bernama {suffix} tetapi isinya XML (misalnya Lembar Kerja XML 2003): buka di Excel atau "
              "LibreOffice lalu simpan sebagai Buku Kerja Excel (.xlsx)",
        "en": "the file is named {suffix} but is XML (e.g. an XML Spreadsheet 2003): open it in Excel or "
              "LibreOffice and save it as an Excel Workbook (.xlsx)",
    },
    "err.upload_is_docx": {
        "id": "berkas bernama {suffix} tetapi isinya dokumen Office lain (Word atau PowerPoint), bukan lembar kerja: "
              "unggah buku kerja Excel (.xlsx) yang berisi tabelnya",
        "en": "the file is named {suffix} but is another Office document (Word or PowerPoint), not a spreadsheet: "
              "upload the Excel workbook (.xlsx) holding the table",
    },
    "err.upload_is_zip": {
        "id": "berkas bernama {suffix} tetapi isinya arsip zip, bukan lembar kerja: ekstrak arsipnya lalu unggah "
              "buku kerja di dalamnya",
        "en": "the file is named {suffix} but is a zip archive, not a spreadsheet: extract it and upload the "
              "workbook inside",
    },
    "err.upload_is_binary": {
        "id": "berkas bernama {suffix} tetapi isinya bukan lembar kerja maupun teks: unggah buku kerja (.xlsx) "
              "atau tabel CSV",
        "en": "the file is named {suffix} but is neither a spreadsheet nor text: upload a workbook (.xlsx) or a "
              "CSV table",
    },
    "err.upload_not_text": {
        "id": "berkas bukan teks (ada bita nol; terbaca sebagai {encoding}): simpan tabel sebagai CSV UTF-8, atau "
              "unggah buku kerjanya",
        "en": "the file is not text (it holds zero bytes; read as {encoding}): save the table as CSV UTF-8, or "
              "upload the workbook",
    },
    "err.upload_zip_entries": {
        "id": "buku kerja berisi {n} bagian; batasnya {limit}: salin tabel yang diperlukan ke buku kerja baru lalu "
              "unggah itu",
        "en": "the workbook holds {n} parts; the limit is {limit}: copy the tables needed into a new workbook and "
              "upload that",
    },
    "err.upload_zip_unpacked": {
        "id": "setelah dibuka, buku kerja berukuran {size} MB; batasnya {limit} MB: hapus lembar, gambar dan baris "
              "berformat yang kosong, atau bagi berkasnya",
        "en": "unpacked, the workbook is {size} MB; the limit is {limit} MB: delete unused sheets, pictures and "
              "empty formatted rows, or split the file",
    },
    "err.upload_zip_ratio": {
        "id": "bagian {part} memuai {ratio}× saat dibuka (batas {limit}×), tidak seperti buku kerja biasa: simpan "
              "ulang di Excel atau LibreOffice; bila tetap ditolak, salin sel yang diperlukan ke buku kerja baru",
        "en": "part {part} expands {ratio}× when unpacked (limit {limit}×), unlike a normal workbook: save it again "
              "in Excel or LibreOffice; if it is still refused, copy the cells needed into a new workbook",
    },
    "err.upload_part_size": {
        "id": "bagian {part} berukuran {size} MB setelah dibuka (batas {limit} MB): hapus gambar, format dan "
              "lembar yang tidak diperlukan",
        "en": "part {part} is {size} MB unpacked (limit {limit} MB): delete pictures, formatting and sheets not "
              "needed",
    },
    "err.upload_shared_strings": {
        "id": "teks dalam buku kerja berukuran {size} MB setelah dibuka (batas {limit} MB): hapus lembar dan kolom "
              "catatan yang tidak diperlukan",
        "en": "the texts of the workbook take {size} MB unpacked (limit {limit} MB): delete sheets and note "
              "columns not needed",
    },
    "err.upload_external_links": {
        "id": "buku kerja memuat rumus yang mengambil nilai dari {n} buku kerja lain (mis. [1]Sheet1!A1); nilai "
              "itu tidak dapat diperiksa di sini. Di Excel: Data → Edit Tautan → Putuskan Tautan (nilainya tetap), "
              "simpan, lalu unggah lagi",
        "en": "the workbook has formulas taking values from {n} other workbook(s) (e.g. [1]Sheet1!A1); those values "
              "cannot be checked here. In Excel: Data → Edit Links → Break Link (keeps the values), save and "
              "upload again",
    },
    "err.sheet_rows": {
        "id": "lembar berisi data melewati baris {limit}, batas baris yang dibaca: hapus baris yang tidak diperlukan "
              "atau bagi lembarnya",
        "en": "the sheet has data past row {limit}, the most rows read: delete the rows not needed or split the "
              "sheet",
    },
    "err.sheet_cols": {
        "id": "lembar berisi data sampai kolom {column}; hanya {limit} kolom (sampai {last}) yang dibaca: hapus "
              "kolom yang tidak diperlukan",
        "en": "the sheet has data up to column {column}; only {limit} columns (up to {last}) are read: delete the "
              "columns not needed",
    },
    "err.sheet_cells": {
        "id": "buku kerja berisi lebih dari {limit} sel (batas tercapai di lembar ini): simpan hanya lembar dan sel "
              "yang diperlukan",
        "en": "the workbook holds more than {limit} cells (the limit was reached in this sheet): keep only the "
              "sheets and cells needed",
    },
    "warn.csv_encoding": {
        "id": "berkas tidak berkode UTF-8 dan dibaca sebagai {encoding}; periksa huruf beraksen. Agar pasti, simpan "
              "sebagai 'CSV UTF-8'",
        "en": "the file is not UTF-8 and was read as {encoding}; check accented letters. To be sure, save it as "
              "'CSV UTF-8'",
    },
}
