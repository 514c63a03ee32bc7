# Generated from ui/renewals_page.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'renewals_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QSizePolicy, QSpacerItem,
    QSplitter, QTableView, QVBoxLayout, QWidget)

class Ui_RenewalsPage(object):
    def setupUi(self, RenewalsPage):
        if not RenewalsPage.objectName():
            RenewalsPage.setObjectName(u"RenewalsPage")
        RenewalsPage.resize(1100, 700)
        self.main_layout = QVBoxLayout(RenewalsPage)
        self.main_layout.setObjectName(u"main_layout")
        self.toolbar_layout = QHBoxLayout()
        self.toolbar_layout.setObjectName(u"toolbar_layout")
        self.days_combo_label = QLabel(RenewalsPage)
        self.days_combo_label.setObjectName(u"days_combo_label")

        self.toolbar_layout.addWidget(self.days_combo_label)

        self.days_combo = QComboBox(RenewalsPage)
        self.days_combo.setObjectName(u"days_combo")

        self.toolbar_layout.addWidget(self.days_combo)

        self.count_label = QLabel(RenewalsPage)
        self.count_label.setObjectName(u"count_label")

        self.toolbar_layout.addWidget(self.count_label)

        self.toolbar_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolbar_layout.addItem(self.toolbar_spacer)

        self.refresh_button = QPushButton(RenewalsPage)
        self.refresh_button.setObjectName(u"refresh_button")

        self.toolbar_layout.addWidget(self.refresh_button)


        self.main_layout.addLayout(self.toolbar_layout)

        self.splitter = QSplitter(RenewalsPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.renewal_table = QTableView(self.splitter)
        self.renewal_table.setObjectName(u"renewal_table")
        self.renewal_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.renewal_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.renewal_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.renewal_table.setAlternatingRowColors(True)
        self.splitter.addWidget(self.renewal_table)
        self.detail_widget = QWidget(self.splitter)
        self.detail_widget.setObjectName(u"detail_widget")
        self.detail_layout = QVBoxLayout(self.detail_widget)
        self.detail_layout.setObjectName(u"detail_layout")
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        self.contract_label = QLabel(self.detail_widget)
        self.contract_label.setObjectName(u"contract_label")
        self.contract_label.setWordWrap(True)
        self.contract_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contract_label.setStyleSheet(u"font-size: 14px; font-weight: bold;")

        self.detail_layout.addWidget(self.contract_label)

        self.contract_detail_label = QLabel(self.detail_widget)
        self.contract_detail_label.setObjectName(u"contract_detail_label")
        self.contract_detail_label.setWordWrap(True)
        self.contract_detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detail_layout.addWidget(self.contract_detail_label)

        self.action_layout = QHBoxLayout()
        self.action_layout.setObjectName(u"action_layout")
        self.contact_button = QPushButton(self.detail_widget)
        self.contact_button.setObjectName(u"contact_button")
        self.contact_button.setEnabled(False)

        self.action_layout.addWidget(self.contact_button)

        self.offer_button = QPushButton(self.detail_widget)
        self.offer_button.setObjectName(u"offer_button")
        self.offer_button.setEnabled(False)

        self.action_layout.addWidget(self.offer_button)

        self.renew_button = QPushButton(self.detail_widget)
        self.renew_button.setObjectName(u"renew_button")
        self.renew_button.setEnabled(False)

        self.action_layout.addWidget(self.renew_button)

        self.lost_button = QPushButton(self.detail_widget)
        self.lost_button.setObjectName(u"lost_button")
        self.lost_button.setEnabled(False)

        self.action_layout.addWidget(self.lost_button)


        self.detail_layout.addLayout(self.action_layout)

        self.history_group = QGroupBox(self.detail_widget)
        self.history_group.setObjectName(u"history_group")
        self.history_layout = QVBoxLayout(self.history_group)
        self.history_layout.setObjectName(u"history_layout")
        self.history_list = QListWidget(self.history_group)
        self.history_list.setObjectName(u"history_list")
        self.history_list.setMaximumSize(QSize(16777215, 140))
        self.history_list.setWordWrap(True)

        self.history_layout.addWidget(self.history_list)


        self.detail_layout.addWidget(self.history_group)

        self.script_group = QGroupBox(self.detail_widget)
        self.script_group.setObjectName(u"script_group")
        self.script_layout = QVBoxLayout(self.script_group)
        self.script_layout.setObjectName(u"script_layout")

        self.detail_layout.addWidget(self.script_group)

        self.splitter.addWidget(self.detail_widget)

        self.main_layout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.days_combo_label.setBuddy(self.days_combo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RenewalsPage)

        QMetaObject.connectSlotsByName(RenewalsPage)
    # setupUi

    def retranslateUi(self, RenewalsPage):
        self.days_combo_label.setText(QCoreApplication.translate("RenewalsPage", u"\u5230\u671f\u8303\u56f4(&D)", None))
        self.count_label.setText("")
        self.refresh_button.setText(QCoreApplication.translate("RenewalsPage", u"\u5237\u65b0(&R)", None))
        self.contract_label.setText(QCoreApplication.translate("RenewalsPage", u"\u8bf7\u5728\u5de6\u8fb9\u9009\u62e9\u4e00\u4efd\u5408\u540c", None))
        self.contract_detail_label.setText("")
        self.contact_button.setText(QCoreApplication.translate("RenewalsPage", u"\u5df2\u8054\u7cfb(&C)", None))
        self.offer_button.setText(QCoreApplication.translate("RenewalsPage", u"\u62a5\u4f18\u60e0(&O)", None))
        self.renew_button.setText(QCoreApplication.translate("RenewalsPage", u"\u7eed\u7ea6(&N)", None))
        self.lost_button.setText(QCoreApplication.translate("RenewalsPage", u"\u6d41\u5931(&L)", None))
        self.history_group.setTitle(QCoreApplication.translate("RenewalsPage", u"\u8ddf\u8fdb\u8bb0\u5f55", None))
        self.script_group.setTitle(QCoreApplication.translate("RenewalsPage", u"\u7eed\u7ea6\u8bdd\u672f", None))
        pass
    # retranslateUi

