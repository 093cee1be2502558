"""Write the bundled reconstruction of reference 14 (kisi.kz, ISMI--3.pdf): a real PDF, byte-for-byte stable.

Run from anywhere: ``python sources/bundled/make_kisi_pdf.py``. The text is our own wording of the facts the
article attributes to this source (see docs FACTS.md, ref 14); it is not a copy of the KazISS publication.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
OUT = Path(__file__).parent / "pages" / "ref14-kisi-kz-ISMI--3.pdf"
TITLE = "Казахстан и Узбекистан: экспертное измерение стратегического партнерства"
# A fixed date keeps the file identical across runs (same sha256, no new capture on re-generation).
CREATED = dt.datetime(2021, 12, 15, 10, 0, tzinfo=dt.UTC)

PAGES: list[list[str]] = [
    [
        "Казахстанский институт стратегических исследований при Президенте Республики Казахстан",
        TITLE,
        "Реконструкция для архива kzuz, а не копия опубликованного документа.",
        "Аналитические центры двух стран давно стали постоянными участниками казахстанско-узбекского "
        "диалога. Казахстанский институт стратегических исследований (КИСИ) и Институт стратегических и "
        "межрегиональных исследований при Президенте Республики Узбекистан (ИСМИ) ведут совместную "
        "работу, которая дополняет официальные контакты на высшем уровне.",
        "В 2017 году институты провели первую совместную конференцию. Эксперты обсуждали, как "
        "согласовать подходы двух государств к региональной повестке и какие направления экономического "
        "сотрудничества дают наибольшую отдачу.",
    ],
    [
        "Совместные конференции",
        "Вторая совместная конференция КИСИ и ИСМИ состоялась в 2018 году. Её участники рассмотрели "
        "вопросы безопасности в Центральной Азии, транспортной связанности и торговли, а также "
        "предложения по расширению контактов между регионами двух стран.",
        "Регулярный формат встреч позволил специалистам обмениваться оценками и готовить общие "
        "рекомендации для органов власти.",
        "Совместные аналитические работы",
        "«Узбекистан – Казахстан: 25 лет дипломатических отношений» — так называется сборник, "
        "подготовленный по итогам сотрудничества. В нём прослеживается, как за четверть века сложилась "
        "договорная база отношений и как менялись приоритеты двустороннего взаимодействия.",
        "Вторая работа посвящена перспективам партнерства Казахстана и Узбекистана в новых "
        "геополитических и геоэкономических условиях. Авторы оценивают возможности углубления "
        "кооперации в промышленности, энергетике и логистике.",
    ],
    [
        "Выводы",
        "Экспертное сообщество двух стран располагает устойчивыми каналами общения. Совместные "
        "конференции 2017 и 2018 годов и подготовленные по их итогам издания служат основой для "
        "дальнейших исследований и практических решений в двусторонних отношениях.",
    ],
]


def build() -> bytes:
    """The reconstructed kisi.kz report as PDF bytes (fixed creation date, so the bytes are reproducible)."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATED)
    pdf.set_title(TITLE)
    pdf.set_subject("kzuz reconstruction")
    pdf.set_author("КИСИ при Президенте РК")
    pdf.set_creator("kzuz make_kisi_pdf.py")
    pdf.add_font("DejaVu", fname=FONT)
    for paragraphs in PAGES:
        pdf.add_page()
        pdf.set_font("DejaVu", size=11)
        for text in paragraphs:
            pdf.multi_cell(0, 6, text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())


def main() -> None:
    """Write the PDF into the bundled archive."""
    OUT.write_bytes(build())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
