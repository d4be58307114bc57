"""Messages of the data store (:mod:`kp2s_dashboard.store`), keys
``store.*``. Merged into :data:`kp2s_dashboard.strings.CATALOGUE`."""

CATALOGUE: dict[str, dict[str, str]] = {
    "store.unavailable": {
        "id": "Penyimpanan data ({where}) tidak dapat dibuka: {reason}. Periksa pengaturan KP2S_STORE atau "
              "[store] url di .streamlit/secrets.toml, dan apakah basis data berjalan.",
        "en": "The data store ({where}) cannot be opened: {reason}. Check the KP2S_STORE setting or [store] url "
              "in .streamlit/secrets.toml, and whether the database is running.",
    },
    "store.bad_location": {
        "id": "Lokasi penyimpanan data tidak dapat dipahami: {reason}",
        "en": "The data store location cannot be understood: {reason}",
    },
    "store.schema_newer": {
        "id": "Penyimpanan data ({where}) memakai skema {found} yang lebih baru dari versi aplikasi ini "
              "(mengenal sampai {known}). Perbarui aplikasi.",
        "en": "The data store ({where}) has schema {found}, newer than this version of the application knows "
              "(up to {known}). Update the application.",
    },
    "store.unknown_kind": {
        "id": "Jenis data {kind!r} tidak dikenal; yang diharapkan: {expected}.",
        "en": "Unknown kind of data {kind!r}; expected one of: {expected}.",
    },
    "store.no_who": {
        "id": "Nama penyunting wajib diisi untuk menerbitkan atau memulihkan data.",
        "en": "An editor's name is required to publish or restore data.",
    },
    "store.no_files": {
        "id": "Tidak ada berkas untuk diterbitkan.",
        "en": "There is no file to publish.",
    },
    "store.bad_file_name": {
        "id": "Nama berkas {name!r} tidak dapat dipakai: {reason}. Ganti nama berkas lalu unggah lagi.",
        "en": "The file name {name!r} cannot be used: {reason}. Rename the file and upload it again.",
    },
    "store.empty_file": {
        "id": "Berkas {name} kosong (0 bita); tidak ada yang dapat diterbitkan.",
        "en": "The file {name} is empty (0 bytes); there is nothing to publish.",
    },
    "store.duplicate_file_name": {
        "id": "Nama berkas {name} muncul lebih dari sekali dalam satu versi.",
        "en": "The file name {name} appears more than once in one version.",
    },
    "store.bad_report": {
        "id": "Laporan validasi tidak dapat disimpan sebagai JSON: {reason}.",
        "en": "The validation report cannot be stored as JSON: {reason}.",
    },
    "store.bad_table": {
        "id": "Tabel {name!r} tidak dapat disimpan: {reason}.",
        "en": "The table {name!r} cannot be stored: {reason}.",
    },
    "store.version_not_found": {
        "id": "Versi {version_id} tidak ada di penyimpanan data.",
        "en": "Version {version_id} is not in the data store.",
    },
    "store.stale": {
        "id": "Data {kind} telah diubah oleh orang lain sejak Anda mulai (versi berlaku kini {found}, bukan "
              "{expected}). Muat ulang halaman, periksa perubahannya, lalu terbitkan lagi.",
        "en": "The {kind} data were changed by someone else since you started (the version in force is now "
              "{found}, not {expected}). Reload the page, review the changes, then publish again.",
    },
    "store.corrupt_blob": {
        "id": "Isi berkas {name} di penyimpanan data rusak (SHA-256 tidak cocok). Pulihkan dari cadangan.",
        "en": "The content of file {name} in the data store is damaged (SHA-256 does not match). Restore from a "
              "backup.",
    },
    "store.not_a_backup": {
        "id": "{path} bukan cadangan penyimpanan KP2S: {reason}.",
        "en": "{path} is not a KP2S store backup: {reason}.",
    },
    "store.restore_not_empty": {
        "id": "Penyimpanan tujuan ({where}) sudah berisi {n} versi. Pulihkan ke penyimpanan kosong, atau "
              "tambahkan --replace untuk mengganti seluruh isinya.",
        "en": "The target store ({where}) already holds {n} versions. Restore into an empty store, or add "
              "--replace to replace all of its content.",
    },
}
