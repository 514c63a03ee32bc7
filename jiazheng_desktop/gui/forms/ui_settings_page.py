# Generated from ui/settings_page.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_page.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFormLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTableView,
    QVBoxLayout, QWidget)

class Ui_SettingsPage(object):
    def setupUi(self, SettingsPage):
        if not SettingsPage.objectName():
            SettingsPage.setObjectName(u"SettingsPage")
        SettingsPage.resize(800, 640)
        self.page_layout = QVBoxLayout(SettingsPage)
        self.page_layout.setObjectName(u"page_layout")
        self.agency_group = QGroupBox(SettingsPage)
        self.agency_group.setObjectName(u"agency_group")
        self.agency_layout = QVBoxLayout(self.agency_group)
        self.agency_layout.setObjectName(u"agency_layout")
        self.agency_form_layout = QFormLayout()
        self.agency_form_layout.setObjectName(u"agency_form_layout")
        self.agency_name_edit_label = QLabel(self.agency_group)
        self.agency_name_edit_label.setObjectName(u"agency_name_edit_label")

        self.agency_form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.agency_name_edit_label)

        self.agency_name_edit = QLineEdit(self.agency_group)
        self.agency_name_edit.setObjectName(u"agency_name_edit")
        self.agency_name_edit.setMaxLength(40)

        self.agency_form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.agency_name_edit)

        self.agency_name_error = QLabel(self.agency_group)
        self.agency_name_error.setObjectName(u"agency_name_error")
        self.agency_name_error.setWordWrap(True)
        self.agency_name_error.setVisible(False)
        self.agency_name_error.setStyleSheet(u"color: #c0392b;")

        self.agency_form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.agency_name_error)

        self.agency_address_edit_label = QLabel(self.agency_group)
        self.agency_address_edit_label.setObjectName(u"agency_address_edit_label")

        self.agency_form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.agency_address_edit_label)

        self.agency_address_edit = QLineEdit(self.agency_group)
        self.agency_address_edit.setObjectName(u"agency_address_edit")
        self.agency_address_edit.setMaxLength(120)

        self.agency_form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.agency_address_edit)

        self.agency_address_error = QLabel(self.agency_group)
        self.agency_address_error.setObjectName(u"agency_address_error")
        self.agency_address_error.setWordWrap(True)
        self.agency_address_error.setVisible(False)
        self.agency_address_error.setStyleSheet(u"color: #c0392b;")

        self.agency_form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.agency_address_error)

        self.agency_phone_edit_label = QLabel(self.agency_group)
        self.agency_phone_edit_label.setObjectName(u"agency_phone_edit_label")

        self.agency_form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.agency_phone_edit_label)

        self.agency_phone_edit = QLineEdit(self.agency_group)
        self.agency_phone_edit.setObjectName(u"agency_phone_edit")

        self.agency_form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.agency_phone_edit)

        self.agency_phone_error = QLabel(self.agency_group)
        self.agency_phone_error.setObjectName(u"agency_phone_error")
        self.agency_phone_error.setWordWrap(True)
        self.agency_phone_error.setVisible(False)
        self.agency_phone_error.setStyleSheet(u"color: #c0392b;")

        self.agency_form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.agency_phone_error)


        self.agency_layout.addLayout(self.agency_form_layout)

        self.agency_button_layout = QHBoxLayout()
        self.agency_button_layout.setObjectName(u"agency_button_layout")
        self.save_agency_button = QPushButton(self.agency_group)
        self.save_agency_button.setObjectName(u"save_agency_button")

        self.agency_button_layout.addWidget(self.save_agency_button)

        self.agency_status_label = QLabel(self.agency_group)
        self.agency_status_label.setObjectName(u"agency_status_label")
        self.agency_status_label.setStyleSheet(u"color: #27ae60;")

        self.agency_button_layout.addWidget(self.agency_status_label)

        self.agency_button_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.agency_button_layout.addItem(self.agency_button_spacer)


        self.agency_layout.addLayout(self.agency_button_layout)


        self.page_layout.addWidget(self.agency_group)

        self.staff_group = QGroupBox(SettingsPage)
        self.staff_group.setObjectName(u"staff_group")
        self.staff_layout = QVBoxLayout(self.staff_group)
        self.staff_layout.setObjectName(u"staff_layout")
        self.staff_table = QTableView(self.staff_group)
        self.staff_table.setObjectName(u"staff_table")
        self.staff_table.setAlternatingRowColors(True)
        self.staff_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.staff_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.staff_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.staff_layout.addWidget(self.staff_table)

        self.staff_button_layout = QHBoxLayout()
        self.staff_button_layout.setObjectName(u"staff_button_layout")
        self.add_staff_button = QPushButton(self.staff_group)
        self.add_staff_button.setObjectName(u"add_staff_button")

        self.staff_button_layout.addWidget(self.add_staff_button)

        self.edit_staff_button = QPushButton(self.staff_group)
        self.edit_staff_button.setObjectName(u"edit_staff_button")

        self.staff_button_layout.addWidget(self.edit_staff_button)

        self.staff_button_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.staff_button_layout.addItem(self.staff_button_spacer)


        self.staff_layout.addLayout(self.staff_button_layout)


        self.page_layout.addWidget(self.staff_group)

#if QT_CONFIG(shortcut)
        self.agency_name_edit_label.setBuddy(self.agency_name_edit)
        self.agency_address_edit_label.setBuddy(self.agency_address_edit)
        self.agency_phone_edit_label.setBuddy(self.agency_phone_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.agency_name_edit, self.agency_address_edit)
        QWidget.setTabOrder(self.agency_address_edit, self.agency_phone_edit)
        QWidget.setTabOrder(self.agency_phone_edit, self.save_agency_button)
        QWidget.setTabOrder(self.save_agency_button, self.staff_table)
        QWidget.setTabOrder(self.staff_table, self.add_staff_button)
        QWidget.setTabOrder(self.add_staff_button, self.edit_staff_button)

        self.retranslateUi(SettingsPage)

        QMetaObject.connectSlotsByName(SettingsPage)
    # setupUi

    def retranslateUi(self, SettingsPage):
        self.agency_group.setTitle(QCoreApplication.translate("SettingsPage", u"\u516c\u53f8\u4fe1\u606f", None))
        self.agency_name_edit_label.setText(QCoreApplication.translate("SettingsPage", u"\u516c\u53f8\u540d\u79f0(&M)*", None))
        self.agency_name_edit.setPlaceholderText(QCoreApplication.translate("SettingsPage", u"\u5370\u5728\u901a\u77e5\u4e66\u62ac\u5934\uff0c\u4f8b\u5982\uff1a\u5b89\u5fc3\u5bb6\u653f\u670d\u52a1\u90e8", None))
        self.agency_name_error.setText("")
        self.agency_address_edit_label.setText(QCoreApplication.translate("SettingsPage", u"\u5730\u5740(&D)", None))
        self.agency_address_error.setText("")
        self.agency_phone_edit_label.setText(QCoreApplication.translate("SettingsPage", u"\u7535\u8bdd(&P)", None))
        self.agency_phone_edit.setPlaceholderText(QCoreApplication.translate("SettingsPage", u"\u5ba2\u6237\u6253\u6765\u7684\u53f7\u7801\uff0c\u624b\u673a\u6216\u5e26\u533a\u53f7\u7684\u56fa\u5b9a\u7535\u8bdd", None))
        self.agency_phone_error.setText("")
        self.save_agency_button.setText(QCoreApplication.translate("SettingsPage", u"\u4fdd\u5b58\u516c\u53f8\u4fe1\u606f(&S)", None))
#if QT_CONFIG(tooltip)
        self.save_agency_button.setToolTip(QCoreApplication.translate("SettingsPage", u"\u9700\u8981\u5e97\u4e3b\u8f93\u5165\u5bc6\u7801\u786e\u8ba4", None))
#endif // QT_CONFIG(tooltip)
        self.agency_status_label.setText("")
        self.staff_group.setTitle(QCoreApplication.translate("SettingsPage", u"\u5458\u5de5", None))
        self.add_staff_button.setText(QCoreApplication.translate("SettingsPage", u"\u6dfb\u52a0\u5458\u5de5(&A)", None))
        self.edit_staff_button.setText(QCoreApplication.translate("SettingsPage", u"\u7f16\u8f91(&E)", None))
#if QT_CONFIG(tooltip)
        self.edit_staff_button.setToolTip(QCoreApplication.translate("SettingsPage", u"\u4fee\u6539\u9009\u4e2d\u5458\u5de5\u7684\u59d3\u540d\u3001\u804c\u4f4d\u3001\u5bc6\u7801\u6216\u5728\u804c\u72b6\u6001\uff08\u4e5f\u53ef\u53cc\u51fb\uff09", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi

