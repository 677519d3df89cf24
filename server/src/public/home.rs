//! `GET /publik`: what a resident can do here, in plain words, and the privacy note.

use super::html::page as frame;
use axum::response::Html;

/// The public home page.
pub async fn page() -> Html<String> {
    let body = r#"<h1>Layanan Warga</h1>
<p class="lead">Layanan data kesejahteraan sosial (DTSEN) kabupaten untuk warga, tanpa akun.</p>
<ul class="services" data-testid="services">
<li><a href="/publik/cek"><strong>Cek status</strong><span>Apakah keluarga Anda terdaftar, status usulannya, dan bantuan yang diterima.</span></a></li>
<li><a href="/publik/usul"><strong>Usul keluarga</strong><span>Usulkan keluarga Anda atau tetangga yang perlu dibantu tetapi belum terdaftar.</span></a></li>
<li><a href="/publik/sanggah"><strong>Sanggah penerima</strong><span>Laporkan penerima bantuan di desa Anda yang menurut Anda tidak layak.</span></a></li>
<li><a href="/publik/kasus"><strong>Lacak kasus</strong><span>Lihat perkembangan usul atau sanggahan dengan kode kasus Anda.</span></a></li>
<li><a href="/publik/musdes"><strong>Hasil musdes per desa</strong><span>Daftar usulan yang disepakati musyawarah desa.</span></a></li>
</ul>
<div class="privacy" data-testid="privacy"><strong>Privasi.</strong> Halaman ini tidak pernah menampilkan NIK, alamat, atau data keluarga lain. Pelapor tidak pernah ditunjukkan kepada keluarga yang dilaporkan; nomor telepon hanya untuk petugas desa. Setiap pengecekan dicatat tanpa menyimpan NIK lengkap.</div>"#;
    Html(frame("Layanan Warga", body))
}
