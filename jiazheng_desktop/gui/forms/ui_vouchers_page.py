# Generated from ui/vouchers_page.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'vouchers_page.ui'
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
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_VouchersPage(object):
    def setupUi(self, VouchersPage):
        if not VouchersPage.objectName():
            VouchersPage.setObjectName(u"VouchersPage")
        VouchersPage.resize(1000, 600)
        self.page_layout = QVBoxLayout(VouchersPage)
        self.page_layout.setObjectName(u"page_layout")
        self.filter_layout = QHBoxLayout()
        self.filter_layout.setObjectName(u"filter_layout")
        self.filter_edit = QLineEdit(VouchersPage)
        self.filter_edit.setObjectName(u"filter_edit")
        self.filter_edit.setClearButtonEnabled(True)

        self.filter_layout.addWidget(self.filter_edit)

        self.view_combo_label = QLabel(VouchersPage)
        self.view_combo_label.setObjectName(u"view_combo_label")

        self.filter_layout.addWidget(self.view_combo_label)

        self.view_combo = QComboBox(VouchersPage)
        self.view_combo.setObjectName(u"view_combo")

        self.filter_layout.addWidget(self.view_combo)

        self.kind_combo_label = QLabel(VouchersPage)
        self.kind_combo_label.setObjectName(u"kind_combo_label")

        self.filter_layout.addWidget(self.kind_combo_label)

        self.kind_combo = QComboBox(VouchersPage)
        self.kind_combo.setObjectName(u"kind_combo")

        self.filter_layout.addWidget(self.kind_combo)

        self.count_label = QLabel(VouchersPage)
        self.count_label.setObjectName(u"count_label")

        self.filter_layout.addWidget(self.count_label)

        self.filter_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filter_layout.addItem(self.filter_spacer)

        self.new_button = QPushButton(VouchersPage)
        self.new_button.setObjectName(u"new_button")

        self.filter_layout.addWidget(self.new_button)

        self.redeem_button = QPushButton(VouchersPage)
        self.redeem_button.setObjectName(u"redeem_button")

        self.filter_layout.addWidget(self.redeem_button)

        self.void_button = QPushButton(VouchersPage)
        self.void_button.setObjectName(u"void_button")

        self.filter_layout.addWidget(self.void_button)


        self.page_layout.addLayout(self.filter_layout)

        self.voucher_table = QTableView(VouchersPage)
        self.voucher_table.setObjectName(u"voucher_table")
        self.voucher_table.setAlternatingRowColors(True)
        self.voucher_table.setSortingEnabled(True)
        self.voucher_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.voucher_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.voucher_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.voucher_table.setWordWrap(False)

        self.page_layout.addWidget(self.voucher_table)

#if QT_CONFIG(shortcut)
        self.view_combo_label.setBuddy(self.view_combo)
        self.kind_combo_label.setBuddy(self.kind_combo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.filter_edit, self.view_combo)
        QWidget.setTabOrder(self.view_combo, self.kind_combo)
        QWidget.setTabOrder(self.kind_combo, self.new_button)
        QWidget.setTabOrder(self.new_button, self.redeem_button)
        QWidget.setTabOrder(self.redeem_button, self.void_button)
        QWidget.setTabOrder(self.void_button, self.voucher_table)

        self.retranslateUi(VouchersPage)

        QMetaObject.connectSlotsByName(VouchersPage)
    # setupUi

    def retranslateUi(self, VouchersPage):
        self.filter_edit.setPlaceholderText(QCoreApplication.translate("VouchersPage", u"\u641c\u7d22\uff1a\u5238\u7801\u3001\u5ba2\u6237\u59d3\u540d\u3001\u7535\u8bdd\u6216\u62fc\u97f3\u9996\u5b57\u6bcd", None))
        self.view_combo_label.setText(QCoreApplication.translate("VouchersPage", u"\u663e\u793a(&W)", None))
        self.kind_combo_label.setText(QCoreApplication.translate("VouchersPage", u"\u79cd\u7c7b(&K)", None))
        self.count_label.setText("")
        self.new_button.setText(QCoreApplication.translate("VouchersPage", u"\u53d1\u5238(&N)", None))
#if QT_CONFIG(tooltip)
        self.new_button.setToolTip(QCoreApplication.translate("VouchersPage", u"\u7ed9\u4e00\u4f4d\u5ba2\u6237\u53d1\u4e00\u5f20\u5238", None))
#endif // QT_CONFIG(tooltip)
        self.redeem_button.setText(QCoreApplication.translate("VouchersPage", u"\u6838\u9500(&R)", None))
#if QT_CONFIG(tooltip)
        self.redeem_button.setToolTip(QCoreApplication.translate("VouchersPage", u"\u5ba2\u6237\u62a5\u6765\u5238\u7801\uff0c\u62b5\u6263\u4e00\u6b21\u670d\u52a1", None))
#endif // QT_CONFIG(tooltip)
        self.void_button.setText(QCoreApplication.translate("VouchersPage", u"\u4f5c\u5e9f(&V)", None))
#if QT_CONFIG(tooltip)
        self.void_button.setToolTip(QCoreApplication.translate("VouchersPage", u"\u4f5c\u5e9f\u9009\u4e2d\u7684\u5238\uff08\u9700\u533a\u57df\u7ecf\u7406\u6216\u5e97\u4e3b\u786e\u8ba4\u5bc6\u7801\uff09", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.voucher_table.setToolTip(QCoreApplication.translate("VouchersPage", u"\u53cc\u51fb\u4e00\u5f20\u5238\u67e5\u770b\u5b83\u7684\u6d41\u6c34", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

