# Generated from ui/workers_page.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'workers_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_WorkersPage(object):
    def setupUi(self, WorkersPage):
        if not WorkersPage.objectName():
            WorkersPage.setObjectName(u"WorkersPage")
        WorkersPage.resize(900, 600)
        self.page_layout = QVBoxLayout(WorkersPage)
        self.page_layout.setObjectName(u"page_layout")
        self.filter_layout = QHBoxLayout()
        self.filter_layout.setObjectName(u"filter_layout")
        self.filter_edit = QLineEdit(WorkersPage)
        self.filter_edit.setObjectName(u"filter_edit")
        self.filter_edit.setClearButtonEnabled(True)

        self.filter_layout.addWidget(self.filter_edit)

        self.active_only_check = QCheckBox(WorkersPage)
        self.active_only_check.setObjectName(u"active_only_check")

        self.filter_layout.addWidget(self.active_only_check)

        self.count_label = QLabel(WorkersPage)
        self.count_label.setObjectName(u"count_label")

        self.filter_layout.addWidget(self.count_label)

        self.filter_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filter_layout.addItem(self.filter_spacer)

        self.new_button = QPushButton(WorkersPage)
        self.new_button.setObjectName(u"new_button")

        self.filter_layout.addWidget(self.new_button)

        self.edit_button = QPushButton(WorkersPage)
        self.edit_button.setObjectName(u"edit_button")

        self.filter_layout.addWidget(self.edit_button)


        self.page_layout.addLayout(self.filter_layout)

        self.worker_table = QTableView(WorkersPage)
        self.worker_table.setObjectName(u"worker_table")
        self.worker_table.setAlternatingRowColors(True)
        self.worker_table.setSortingEnabled(True)
        self.worker_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.worker_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.worker_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.worker_table.setWordWrap(False)

        self.page_layout.addWidget(self.worker_table)

        QWidget.setTabOrder(self.filter_edit, self.active_only_check)
        QWidget.setTabOrder(self.active_only_check, self.new_button)
        QWidget.setTabOrder(self.new_button, self.edit_button)
        QWidget.setTabOrder(self.edit_button, self.worker_table)

        self.retranslateUi(WorkersPage)

        QMetaObject.connectSlotsByName(WorkersPage)
    # setupUi

    def retranslateUi(self, WorkersPage):
        self.filter_edit.setPlaceholderText(QCoreApplication.translate("WorkersPage", u"\u7b5b\u9009\uff1a\u59d3\u540d\u3001\u62fc\u97f3\u9996\u5b57\u6bcd\u3001\u7535\u8bdd\u6216\u6280\u80fd", None))
        self.active_only_check.setText(QCoreApplication.translate("WorkersPage", u"\u53ea\u770b\u5728\u804c(&A)", None))
        self.count_label.setText("")
        self.new_button.setText(QCoreApplication.translate("WorkersPage", u"\u65b0\u5efa(&N)", None))
#if QT_CONFIG(tooltip)
        self.new_button.setToolTip(QCoreApplication.translate("WorkersPage", u"\u6dfb\u52a0\u4e00\u4f4d\u670d\u52a1\u4eba\u5458", None))
#endif // QT_CONFIG(tooltip)
        self.edit_button.setText(QCoreApplication.translate("WorkersPage", u"\u7f16\u8f91(&E)", None))
#if QT_CONFIG(tooltip)
        self.edit_button.setToolTip(QCoreApplication.translate("WorkersPage", u"\u4fee\u6539\u9009\u4e2d\u7684\u670d\u52a1\u4eba\u5458\uff08\u4e5f\u53ef\u53cc\u51fb\u6216\u6309\u56de\u8f66\uff09\uff1b\u4e0d\u518d\u5408\u4f5c\u7684\u4eba\u5458\u8bf7\u53d6\u6d88\u201c\u5728\u804c\u201d", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

