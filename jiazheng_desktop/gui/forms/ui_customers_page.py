# Generated from ui/customers_page.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'customers_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTableView,
    QVBoxLayout, QWidget)

class Ui_CustomersPage(object):
    def setupUi(self, CustomersPage):
        if not CustomersPage.objectName():
            CustomersPage.setObjectName(u"CustomersPage")
        CustomersPage.resize(1100, 700)
        self.page_layout = QVBoxLayout(CustomersPage)
        self.page_layout.setObjectName(u"page_layout")
        self.filter_layout = QHBoxLayout()
        self.filter_layout.setObjectName(u"filter_layout")
        self.filter_edit = QLineEdit(CustomersPage)
        self.filter_edit.setObjectName(u"filter_edit")
        self.filter_edit.setClearButtonEnabled(True)

        self.filter_layout.addWidget(self.filter_edit)

        self.type_filter_combo = QComboBox(CustomersPage)
        self.type_filter_combo.setObjectName(u"type_filter_combo")

        self.filter_layout.addWidget(self.type_filter_combo)

        self.vip_filter_combo = QComboBox(CustomersPage)
        self.vip_filter_combo.setObjectName(u"vip_filter_combo")

        self.filter_layout.addWidget(self.vip_filter_combo)

        self.consent_filter_combo = QComboBox(CustomersPage)
        self.consent_filter_combo.setObjectName(u"consent_filter_combo")

        self.filter_layout.addWidget(self.consent_filter_combo)

        self.count_label = QLabel(CustomersPage)
        self.count_label.setObjectName(u"count_label")

        self.filter_layout.addWidget(self.count_label)

        self.spacer_140067483970880 = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filter_layout.addItem(self.spacer_140067483970880)

        self.new_button = QPushButton(CustomersPage)
        self.new_button.setObjectName(u"new_button")

        self.filter_layout.addWidget(self.new_button)


        self.page_layout.addLayout(self.filter_layout)

        self.splitter = QSplitter(CustomersPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.customer_table = QTableView(self.splitter)
        self.customer_table.setObjectName(u"customer_table")
        self.customer_table.setAlternatingRowColors(True)
        self.customer_table.setSortingEnabled(True)
        self.customer_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.customer_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.customer_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.splitter.addWidget(self.customer_table)
        self.detail_holder = QWidget(self.splitter)
        self.detail_holder.setObjectName(u"detail_holder")
        self.splitter.addWidget(self.detail_holder)

        self.page_layout.addWidget(self.splitter)


        self.retranslateUi(CustomersPage)

        QMetaObject.connectSlotsByName(CustomersPage)
    # setupUi

    def retranslateUi(self, CustomersPage):
        self.filter_edit.setPlaceholderText(QCoreApplication.translate("CustomersPage", u"\u7b5b\u9009\uff1a\u59d3\u540d\u3001\u7535\u8bdd\u3001\u62fc\u97f3\u6216\u9996\u5b57\u6bcd", None))
#if QT_CONFIG(tooltip)
        self.consent_filter_combo.setToolTip(QCoreApplication.translate("CustomersPage", u"\u53ea\u5217\u51fa\u540c\u610f\u4e86\u8fd9\u4e2a\u7528\u9014\u7684\u5ba2\u6237\uff0c\u4f8b\u5982\u53d1\u8282\u65e5\u95ee\u5019\u524d\u9009\u201c\u540c\u610f\u8425\u9500\u4e0e\u8282\u65e5\u95ee\u5019\u201d", None))
#endif // QT_CONFIG(tooltip)
        self.count_label.setText("")
        self.new_button.setText(QCoreApplication.translate("CustomersPage", u"\u65b0\u5efa\u5ba2\u6237(&N)", None))
        pass
    # retranslateUi

