/**
 * The pack's rules in the Bupati's words: what a finding is, in Indonesian and English, and what the
 * custodian should do about it. One entry per rule of the pack (test/report.test.ts checks none is missing).
 */
import type { Bilingual } from "./words";

export interface Advice {
  /** What a finding of the rule is, as a headline. */
  title: Bilingual;
  /** What to do about it, as a recommendation to the Bupati and the custodian. */
  advice: Bilingual;
}

export const ADVICE: Record<string, Advice> = {
  "citation-integrity": {
    title: { id: "Pasal peraturan diubah di berkas stack", en: "The regulation's articles changed in the stack file" },
    advice: {
      id: "Hapus kutipan pasal dari berkas stack; pasal diambil dari registri yang terverifikasi.",
      en: "Remove the quoted articles from the stack file; they come from the verified registry.",
    },
  },
  "custodian-data-center": {
    title: {
      id: "Pusat data atau pusat pemulihan data tidak dikelola pengelola TIK",
      en: "A data center or DR center not run by the IT custodian",
    },
    advice: {
      id: "Serahkan pengelolaan pusat data dan pusat pemulihan data kepada pengelola TIK.",
      en: "Hand the data center and DR center over to the IT custodian.",
    },
  },
  "disaster-recovery": {
    title: { id: "Pusat pemulihan data belum tersedia", en: "No disaster-recovery center" },
    advice: {
      id: "Sediakan pusat pemulihan data yang terpisah dari pusat data.",
      en: "Provide a disaster-recovery center separate from the data center.",
    },
  },
  "server-consolidation": {
    title: { id: "Server OPD belum dikonsolidasikan", en: "OPD servers not consolidated" },
    advice: {
      id: "Pindahkan server OPD ke pusat data, atau tetapkan pengecualian dengan Keputusan Bupati yang masih berlaku.",
      en: "Move the OPD's servers into the data center, or grant an exemption by a Keputusan Bupati that is in force.",
    },
  },
  "bupati-exemption": {
    title: { id: "Pengecualian yang tidak berlaku", en: "An exemption that does not hold" },
    advice: {
      id: "Perbarui atau cabut Keputusan Bupati pengecualian; setelah berakhir, konsolidasikan sistemnya.",
      en: "Renew or revoke the exemption decree; once it ends, consolidate the system.",
    },
  },
  "ip-numbering": {
    title: { id: "Alamat IP di luar penomoran pengelola", en: "IP addresses outside the custodian's numbering" },
    advice: {
      id: "Gunakan hanya segmen yang dinomori pengelola di dalam supernet.",
      en: "Use only segments the custodian numbered inside the supernet.",
    },
  },
  "official-domain": {
    title: { id: "Aplikasi di luar domain resmi go.id", en: "Applications outside the official go.id domain" },
    advice: {
      id: "Terbitkan aplikasi hanya sebagai subdomain domain resmi kabupaten.",
      en: "Publish applications only as subdomains of the regency's official domain.",
    },
  },
  "backup-coverage": {
    title: { id: "Data tanpa backup", en: "Data without backups" },
    advice: {
      id: "Tetapkan kebijakan backup untuk setiap basis data dan volume berkas.",
      en: "Give every database and file volume a backup policy.",
    },
  },
  "backup-separation": {
    title: { id: "Backup disimpan di ruang server yang sama", en: "Backups kept in the server room they protect" },
    advice: {
      id: "Simpan backup di pusat pemulihan data atau media portabel, terpisah dari ruang server.",
      en: "Keep backups at the DR center or on portable media, apart from the server room.",
    },
  },
  "restore-drills": {
    title: { id: "Uji pemulihan belum berhasil dalam periodenya", en: "No successful restore drill within its period" },
    advice: {
      id: "Jalankan uji pemulihan untuk setiap sumber data dan catat hasilnya; perbaiki backup yang gagal dipulihkan.",
      en: "Run a restore drill for every source and record it; repair any backup that failed to restore.",
    },
  },
  "continuity-plan": {
    title: {
      id: "Rencana keberlangsungan kegiatan belum ada atau belum diuji dalam 2 tahun",
      en: "No business-continuity plan, or none tested within two years",
    },
    advice: {
      id: "Susun rencana keberlangsungan kegiatan pusat data, uji coba paling sedikit sekali dalam 2 tahun, dan catat tanggal uji cobanya.",
      en: "Write the data center's business-continuity plan, test it at least once every two years, and record the day of the test.",
    },
  },
  "data-location": {
    title: { id: "Data disimpan di luar wilayah Indonesia", en: "Data kept outside Indonesia" },
    advice: {
      id: "Pindahkan situs, salinan backup dan sumber daya cloud ke wilayah Indonesia.",
      en: "Move the site, backup copies and cloud resources into Indonesia.",
    },
  },
  "personal-data": {
    title: {
      id: "Pelindungan data pribadi (NIK/NIP) belum lengkap",
      en: "Personal data (NIK/NIP) not fully protected",
    },
    advice: {
      id: "Simpan salinan data pribadi hanya di repositori terenkripsi dan tunjuk pejabat Pelindungan Data Pribadi sebagai narahubung kegagalan pelindungan (pemberitahuan paling lambat 3 × 24 jam).",
      en: "Keep copies of personal data only in encrypted repositories and appoint a personal-data protection officer as the contact for breaches (notice within 3 × 24 hours).",
    },
  },
  "national-data-center": {
    title: { id: "Belum terhubung dengan Pusat Data nasional", en: "Not connected to the national data center" },
    advice: {
      id: "Daftarkan kebutuhan kapasitas ke Pusat Data nasional dan catat keterhubungannya sebagai interkoneksi.",
      en: "Register the capacity needed with the national data center and record the link as an interconnection.",
    },
  },
  "national-network": {
    title: {
      id: "Jaringan Intra Pemerintah Daerah belum terhubung dengan Jaringan Intra Pemerintah",
      en: "Intra-government network not connected to the national one",
    },
    advice: {
      id: "Ajukan pertimbangan kelaikan operasi dan keamanan, hubungkan jaringan, dan catat sebagai interkoneksi.",
      en: "Apply for the operational and security clearances, connect the network, and record it as an interconnection.",
    },
  },
  "it-audit": {
    title: { id: "Audit TIK belum dilaksanakan dalam 2 tahun", en: "No IT audit within two years" },
    advice: {
      id: "Selenggarakan Audit TIK oleh lembaga pelaksana terakreditasi paling sedikit sekali dalam 2 tahun dan catat tanggalnya.",
      en: "Have an accredited auditor carry out an IT audit at least once every two years and record its date.",
    },
  },
  "sso-client": {
    title: { id: "Aplikasi belum terdaftar di SSO", en: "Applications not registered with SSO" },
    advice: {
      id: "Daftarkan setiap aplikasi sebagai klien single sign-on pengelola.",
      en: "Register every application as a client of the custodian's single sign-on.",
    },
  },
  "sso-transition": {
    title: { id: "Aplikasi masih transisi ke SSO", en: "Applications still in transition to SSO" },
    advice: {
      id: "Selesaikan integrasi SSO aplikasi yang masih transisi sesuai tahapan.",
      en: "Finish the SSO integration of the applications still in transition, phase by phase.",
    },
  },
  "network-isolation": {
    title: { id: "Isolasi jaringan OPD tidak lengkap", en: "OPD network isolation incomplete" },
    advice: {
      id: "Tutup akses langsung ke basis data dan pertahankan aturan tolak-bawaan setiap OPD.",
      en: "Close direct access to databases and keep each OPD's default-deny rule.",
    },
  },
  "secrets-hygiene": {
    title: { id: "Kredensial tertulis terbuka", en: "Credentials written in clear" },
    advice: {
      id: "Simpan kata sandi dan kunci sebagai secret, bukan di konfigurasi terbuka.",
      en: "Keep passwords and keys as secrets, never in plain configuration.",
    },
  },
  "image-mirror": {
    title: { id: "Image kontainer dari luar mirror", en: "Container images from outside the mirror" },
    advice: {
      id: "Ambil semua image kontainer dari mirror registri pengelola.",
      en: "Pull every container image from the custodian's registry mirror.",
    },
  },
  "data-stewardship": {
    title: { id: "Basis data tanpa Wali Data atau kelompok data", en: "Databases without a Wali Data or data group" },
    advice: {
      id: "Tetapkan Wali Data dan kelompok basis data untuk setiap basis data; data kependudukan dengan kunci NIK, kepegawaian dengan NIP.",
      en: "Appoint a Wali Data and a data group for every database; population data keyed by NIK, personnel data by NIP.",
    },
  },
  "device-registration": {
    title: { id: "Sistem belum teregistrasi", en: "Systems not registered" },
    advice: {
      id: "Registrasikan setiap sistem yang terhubung ke jaringan e-government pada pengelola.",
      en: "Register every system on the e-government network with the custodian.",
    },
  },
  "lpse-archive": {
    title: { id: "Dokumen LPSE tanpa arsip yang dibackup", en: "LPSE documents without a backed-up archive" },
    advice: {
      id: "Simpan dokumen pengadaan elektronik LPSE pada volume yang dibackup.",
      en: "Keep the LPSE's procurement documents on a backed-up volume.",
    },
  },
  "internet-site-control": {
    title: { id: "Akses internet OPD belum dikendalikan", en: "OPD internet access not controlled" },
    advice: {
      id: "Tetapkan kategori situs yang diblokir dan aturan akses internet OPD.",
      en: "Set the blocked site categories and the OPDs' internet access rules.",
    },
  },
  "estate-placement": {
    title: { id: "Sumber daya di luar pusat data pengelola", en: "Resources outside the custodian's data center" },
    advice: {
      id: "Tempatkan server, klaster, basis data dan penyimpanan hanya di pusat data atau pusat pemulihan data pengelola.",
      en: "Place servers, clusters, databases and storage only in the custodian's data center or DR center.",
    },
  },
  "estate-unclassified": {
    title: { id: "Sumber daya yang tidak dapat digolongkan", en: "Resources the pack cannot classify" },
    advice: {
      id: "Periksa jenis sumber daya baru ini dan tetapkan tempatnya.",
      en: "Review this new kind of resource and decide where it belongs.",
    },
  },
  "estate-domain": {
    title: { id: "Nama host di luar domain resmi", en: "Host names outside the official domain" },
    advice: {
      id: "Gunakan hanya subdomain domain resmi kabupaten pada setiap stack.",
      en: "Use only subdomains of the official domain in every stack.",
    },
  },
};

/** The advice for a policy of the pack (`<rule>` or `<rule>-advisory`). */
export const adviceOf = (policy: string): Advice =>
  ADVICE[policy.replace(/-advisory$/, "")] ?? { title: { id: policy, en: policy }, advice: { id: "", en: "" } };
