"""A fictional Dukcapil office for the demo and for users to copy: names and NIPs are made
up; indicators are the kind a Dinas Kependudukan dan Pencatatan Sipil really reports."""

from __future__ import annotations

from decimal import Decimal

# (NIP, name, position, unit, role)
PEOPLE = [
    ("197003121995031001", "Drs. Bambang Setiawan, M.Si.", "Kepala Dinas", "Pimpinan", "KD"),
    ("197205201998032003", "Retno Wulandari, S.H., M.M.", "Sekretaris", "Sekretariat", "SK"),
    ("198108142006042012", "Dewi Kartika Sari, S.E.", "Kepala Sub Bagian Penyusunan Program",
     "Sekretariat", "KS"),
    ("199002102015031005", "Andi Prasetyo, S.Kom.", "Penyusun Program dan Kegiatan",
     "Sekretariat", "PP"),
    ("197509231999031004", "Agus Salim Hidayat, S.Sos., M.AP.",
     "Kepala Bidang Pelayanan Pendaftaran Penduduk", "Bidang Dafduk", "PJ"),
    ("198004042005012009", "Sri Rahayu Ningsih, S.H.", "Kepala Seksi Identitas Penduduk",
     "Bidang Dafduk", "PJ"),
    ("198306172009011003", "Mochamad Rizal Fahmi, S.AP.", "Kepala Seksi Pindah Datang",
     "Bidang Dafduk", "PJ"),
    ("197611111999032006", "Endang Susilowati, S.E., M.M.",
     "Kepala Bidang Pelayanan Pencatatan Sipil", "Bidang Capil", "PJ"),
    ("198512012010011007", "Yudi Kurniawan, S.Kom.", "Kepala Seksi Kelahiran dan Kematian",
     "Bidang Capil", "PJ"),
    ("198207252008012011", "Lilik Handayani, S.Sos.", "Kepala Seksi Perkawinan dan Perceraian",
     "Bidang Capil", "PJ"),
    ("197808082002121002", "Heru Santoso, S.T., M.T.",
     "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan", "Bidang PIAK", "PJ"),
    ("198710102011012008", "Fitri Anggraeni, S.Kom.", "Kepala Seksi Sistem Informasi",
     "Bidang PIAK", "PJ"),
    ("197702142000031005", "Sugeng Riyadi, S.Sos.",
     "Kepala Bidang Pemanfaatan Data dan Inovasi Pelayanan", "Bidang PDIP", "PJ"),
    ("198903302014022001", "Nur Aini Rahmawati, S.Si.", "Kepala Seksi Pemanfaatan Data",
     "Bidang PDIP", "PJ"),
    ("198401152009031006", "Wahyu Hidayat, S.H.", "Kepala Sub Bagian Umum dan Kepegawaian",
     "Sekretariat", "PJ"),
    ("198606062010012014", "Siti Maemunah, S.E.", "Kepala Sub Bagian Keuangan",
     "Sekretariat", "PJ"),
]

# (code, name, unit, polarity, cumulative, evidence, yearly target, range low, range high)
_I = tuple[str, str, str, str, bool, bool, str, str | None, str | None]
INDICATORS: dict[str, list[_I]] = {
    "197509231999031004": [
        ("DAF-01", "Cakupan kepemilikan KTP-el penduduk wajib KTP", "%", "positif", False, True,
         "99", None, None),
        ("DAF-02", "Cakupan kepemilikan Kartu Identitas Anak (KIA)", "%", "positif", False,
         False, "45", None, None),
        ("DAF-03", "Rata-rata waktu penyelesaian layanan pendaftaran penduduk", "hari",
         "negatif", False, False, "1", None, None),
    ],
    "198004042005012009": [
        ("IDP-01", "KTP-el dicetak", "keping", "positif", True, True, "9600", None, None),
        ("IDP-02", "Perekaman KTP-el penduduk pemula", "orang", "positif", True, False,
         "2400", None, None),
        ("IDP-03", "Pengaduan layanan KTP-el yang ditindaklanjuti", "%", "positif", False,
         False, "100", None, None),
    ],
    "198306172009011003": [
        ("PDH-01", "Surat Keterangan Pindah (SKPWNI) diterbitkan", "dokumen", "positif", True,
         False, "3600", None, None),
        ("PDH-02", "Rata-rata waktu layanan pindah datang", "hari", "negatif", False, False,
         "1", None, None),
        ("PDH-03", "Biodata penduduk datang yang dimutakhirkan", "%", "positif", False, False,
         "100", None, None),
    ],
    "197611111999032006": [
        ("CPL-01", "Cakupan kepemilikan akta kelahiran penduduk 0-18 tahun", "%", "positif",
         False, True, "98", None, None),
        ("CPL-02", "Cakupan kepemilikan akta kematian", "%", "positif", False, False, "60",
         None, None),
        ("CPL-03", "Indeks kepuasan masyarakat layanan pencatatan sipil", "nilai", "rentang",
         False, False, "85", "82", "100"),
    ],
    "198512012010011007": [
        ("KLH-01", "Akta kelahiran diterbitkan", "dokumen", "positif", True, True, "4800",
         None, None),
        ("KLH-02", "Akta kematian diterbitkan", "dokumen", "positif", True, False, "1200",
         None, None),
        ("KLH-03", "Rata-rata waktu penerbitan akta kelahiran", "hari", "negatif", False,
         False, "2", None, None),
        ("KLH-04", "Akta kelahiran terbit melalui layanan daring", "%", "positif", False,
         False, "70", None, None),
    ],
    "198207252008012011": [
        ("KWN-01", "Akta perkawinan diterbitkan", "dokumen", "positif", True, False, "360",
         None, None),
        ("KWN-02", "Akta perceraian diterbitkan", "dokumen", "positif", True, False, "120",
         None, None),
        ("KWN-03", "Rata-rata waktu penerbitan akta perkawinan", "hari", "negatif", False,
         False, "2", None, None),
    ],
    "197808082002121002": [
        ("PIK-01", "Ketersediaan layanan SIAK terpusat", "%", "positif", False, False, "99",
         None, None),
        ("PIK-02", "Perangkat daerah yang memanfaatkan data kependudukan", "instansi",
         "positif", True, True, "24", None, None),
        ("PIK-03", "Data ganda yang diselesaikan", "%", "positif", False, False, "100", None,
         None),
    ],
    "198710102011012008": [
        ("SIF-01", "Rata-rata waktu pemulihan gangguan jaringan", "jam", "negatif", False,
         False, "4", None, None),
        ("SIF-02", "Perangkat layanan yang diperbarui", "unit", "positif", True, False, "48",
         None, None),
        ("SIF-03", "Konsolidasi data kependudukan tepat waktu", "%", "positif", False, False,
         "100", None, None),
    ],
    "197702142000031005": [
        ("PDI-01", "Perjanjian kerja sama pemanfaatan data", "dokumen", "positif", True, True,
         "12", None, None),
        ("PDI-02", "Inovasi pelayanan yang diterapkan", "inovasi", "positif", True, False, "4",
         None, None),
        ("PDI-03", "Layanan jemput bola terlaksana", "kegiatan", "positif", True, False, "48",
         None, None),
    ],
    "198903302014022001": [
        ("PMD-01", "Permohonan akses data yang dilayani", "%", "positif", False, False, "100",
         None, None),
        ("PMD-02", "Hak akses data yang diverifikasi", "akun", "positif", True, False, "120",
         None, None),
        ("PMD-03", "Rata-rata waktu verifikasi hak akses", "hari", "negatif", False, False,
         "3", None, None),
    ],
    "198401152009031006": [
        ("UMK-01", "ASN yang menyusun SKP tepat waktu", "%", "positif", False, False, "100",
         None, None),
        ("UMK-02", "Rata-rata waktu disposisi surat masuk", "hari", "negatif", False, False,
         "1", None, None),
        ("UMK-03", "Barang milik daerah yang diinventarisasi", "%", "positif", False, False,
         "100", None, None),
    ],
    "198606062010012014": [
        ("KEU-01", "Realisasi penyerapan anggaran terhadap rencana kas", "%", "rentang", False,
         True, "100", "90", "110"),
        ("KEU-02", "Laporan keuangan bulanan tepat waktu", "dokumen", "positif", True, False,
         "12", None, None),
        ("KEU-03", "SPM yang diterbitkan tanpa revisi", "%", "positif", False, False, "95",
         None, None),
    ],
}


def email_for(name: str) -> str:
    first = name.split(",")[0].replace("Drs. ", "").lower().split()
    return f"{first[0]}.{first[-1]}@dukcapil-mojokerto.example"


def monthly_targets(yearly: Decimal, cumulative: bool) -> list[Decimal]:
    """Cumulative indicators report the year-to-date total, so the target grows by month."""
    if cumulative:
        return [(yearly * m / 12).quantize(Decimal(1)) for m in range(1, 13)]
    return [yearly] * 12
