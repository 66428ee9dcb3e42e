"""The help window: the Kubeflow concept pages (``designer/concepts.py``) in a list and a
text browser; a page may carry a section about one part of the open pipeline (what
"What's this?" was asked about, with where it lands in the YAML and the Python)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QWidget,
)

from designer import concepts
from designer.compiler.landing import Excerpt
from designer.ui import i18n


Text = Callable[[], str] | None   # a text made when shown: it follows the language


def language() -> str:
    return i18n.current_language() or "en"


def _fence(text: str) -> str:
    fence = "````" if "```" in text else "```"
    return f"{fence}\n{text}\n{fence}"


class HelpWindow(QWidget):
    """``show_concept(id, about=..., excerpts=...)``; ``page`` is the id shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("help-window")
        self.resize(760, 560)
        self.index = QListWidget()
        self.index.setObjectName("help-index")
        self.browser = QTextBrowser()
        self.browser.setObjectName("help-page")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.index)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 3)
        split.setSizes([180, 580])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.page: str | None = None
        self._about: tuple[Text, Text, list[Excerpt]] | None = None
        self.index.currentItemChanged.connect(self._picked)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kubeflow Concepts"))
        lang = language()
        self.index.blockSignals(True)
        self.index.clear()
        for cid in concepts.concept_ids():
            item = QListWidgetItem(concepts.load(cid).title_in(lang))
            item.setData(Qt.ItemDataRole.UserRole, cid)
            self.index.addItem(item)
            if cid == self.page:
                self.index.setCurrentItem(item)
        self.index.blockSignals(False)
        if self.page is not None:
            self._render()

    def show_concept(self, concept_id: str, about: Text = None, line: Text = None,
                     excerpts: list[Excerpt] | None = None) -> None:
        """Show a page; ``about`` names the part of the pipeline asked about, ``line``
        what it is (each a function giving the text in the current language),
        ``excerpts`` where it lands."""
        if concept_id not in concepts.concept_ids():
            concept_id = concepts.ORDER[0]
        self.page = concept_id
        self._about = (about, line, list(excerpts or [])) if (about or line or excerpts) \
            else None
        for i in range(self.index.count()):
            item = self.index.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == concept_id:
                self.index.blockSignals(True)
                self.index.setCurrentItem(item)
                self.index.blockSignals(False)
        self._render()
        self.show()
        self.raise_()
        self.activateWindow()

    def markdown(self) -> str:
        """The page as shown (markdown)."""
        assert self.page is not None
        page, lang = concepts.load(self.page), language()
        parts = [f"# {page.title_in(lang)}", page.body_in(lang).strip()]
        if self._about is not None:
            about, line, excerpts = self._about
            if about is not None:
                parts.append("## " + self.tr("In this pipeline: {what}").format(what=about()))
            if line is not None:
                parts.append(line())
            names = {"v1": self.tr("KFP v1 YAML"), "v2": self.tr("KFP v2 YAML"),
                     "python": self.tr("Python (kfp 2.x)")}
            for e in excerpts:
                where = self.tr("{target}, lines {first}–{last}").format(
                    target=names.get(e.target, e.target), first=e.first, last=e.last) \
                    if e.last > e.first else self.tr("{target}, line {first}").format(
                        target=names.get(e.target, e.target), first=e.first)
                parts.append(f"**{where}**\n\n" + _fence(e.text))
        if page.see_also:
            links = ", ".join(f"[{concepts.load(s).title_in(lang)}]({concepts.LINK_SCHEME}:{s})"
                              for s in page.see_also if s in concepts.concept_ids())
            parts.append(self.tr("See also: {links}").format(links=links))
        return "\n\n".join(parts) + "\n"

    def _render(self) -> None:
        self.browser.setMarkdown(self.markdown())

    def _picked(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None:
            self.show_concept(item.data(Qt.ItemDataRole.UserRole))

    def _link(self, url: QUrl) -> None:
        if url.scheme() == concepts.LINK_SCHEME:
            self.show_concept(url.path())


__all__ = ["HelpWindow"]
