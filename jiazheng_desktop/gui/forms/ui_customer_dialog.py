# Generated from ui/customer_dialog.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'customer_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QFrame, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QTimeEdit, QVBoxLayout, QWidget)

class Ui_CustomerDialog(object):
    def setupUi(self, CustomerDialog):
        if not CustomerDialog.objectName():
            CustomerDialog.setObjectName(u"CustomerDialog")
        CustomerDialog.resize(600, 720)
        self.main_layout = QVBoxLayout(CustomerDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.scroll_area = QScrollArea(CustomerDialog)
        self.scroll_area.setObjectName(u"scroll_area")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_contents = QWidget()
        self.scroll_contents.setObjectName(u"scroll_contents")
        self.scroll_layout = QVBoxLayout(self.scroll_contents)
        self.scroll_layout.setObjectName(u"scroll_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.name_edit_label = QLabel(self.scroll_contents)
        self.name_edit_label.setObjectName(u"name_edit_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_edit_label)

        self.name_edit = QLineEdit(self.scroll_contents)
        self.name_edit.setObjectName(u"name_edit")
        self.name_edit.setMaxLength(20)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name_edit)

        self.name_error = QLabel(self.scroll_contents)
        self.name_error.setObjectName(u"name_error")
        self.name_error.setWordWrap(True)
        self.name_error.setVisible(False)
        self.name_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name_error)

        self.honorific_combo_label = QLabel(self.scroll_contents)
        self.honorific_combo_label.setObjectName(u"honorific_combo_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.honorific_combo_label)

        self.honorific_layout = QHBoxLayout()
        self.honorific_layout.setObjectName(u"honorific_layout")
        self.honorific_combo = QComboBox(self.scroll_contents)
        self.honorific_combo.setObjectName(u"honorific_combo")
        self.honorific_combo.setEditable(True)
        self.honorific_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.honorific_layout.addWidget(self.honorific_combo)

        self.address_as_label = QLabel(self.scroll_contents)
        self.address_as_label.setObjectName(u"address_as_label")

        self.honorific_layout.addWidget(self.address_as_label)

        self.spacer_140067486258304 = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.honorific_layout.addItem(self.spacer_140067486258304)


        self.form_layout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.honorific_layout)

        self.honorific_error = QLabel(self.scroll_contents)
        self.honorific_error.setObjectName(u"honorific_error")
        self.honorific_error.setWordWrap(True)
        self.honorific_error.setVisible(False)
        self.honorific_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.honorific_error)

        self.phone_edit_label = QLabel(self.scroll_contents)
        self.phone_edit_label.setObjectName(u"phone_edit_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.phone_edit_label)

        self.phone_edit = QLineEdit(self.scroll_contents)
        self.phone_edit.setObjectName(u"phone_edit")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.phone_edit)

        self.phone_error = QLabel(self.scroll_contents)
        self.phone_error.setObjectName(u"phone_error")
        self.phone_error.setWordWrap(True)
        self.phone_error.setVisible(False)
        self.phone_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.phone_error)

        self.phone2_edit_label = QLabel(self.scroll_contents)
        self.phone2_edit_label.setObjectName(u"phone2_edit_label")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.phone2_edit_label)

        self.phone2_edit = QLineEdit(self.scroll_contents)
        self.phone2_edit.setObjectName(u"phone2_edit")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.phone2_edit)

        self.phone2_error = QLabel(self.scroll_contents)
        self.phone2_error.setObjectName(u"phone2_error")
        self.phone2_error.setWordWrap(True)
        self.phone2_error.setVisible(False)
        self.phone2_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.phone2_error)

        self.district_combo_label = QLabel(self.scroll_contents)
        self.district_combo_label.setObjectName(u"district_combo_label")

        self.form_layout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.district_combo_label)

        self.district_combo = QComboBox(self.scroll_contents)
        self.district_combo.setObjectName(u"district_combo")
        self.district_combo.setEditable(True)

        self.form_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.district_combo)

        self.address_edit_label = QLabel(self.scroll_contents)
        self.address_edit_label.setObjectName(u"address_edit_label")

        self.form_layout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.address_edit_label)

        self.address_edit = QLineEdit(self.scroll_contents)
        self.address_edit.setObjectName(u"address_edit")
        self.address_edit.setMaxLength(120)

        self.form_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.address_edit)

        self.address_error = QLabel(self.scroll_contents)
        self.address_error.setObjectName(u"address_error")
        self.address_error.setWordWrap(True)
        self.address_error.setVisible(False)
        self.address_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.address_error)

        self.type_combo_label = QLabel(self.scroll_contents)
        self.type_combo_label.setObjectName(u"type_combo_label")

        self.form_layout.setWidget(11, QFormLayout.ItemRole.LabelRole, self.type_combo_label)

        self.type_combo = QComboBox(self.scroll_contents)
        self.type_combo.setObjectName(u"type_combo")

        self.form_layout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.type_combo)

        self.channel_combo_label = QLabel(self.scroll_contents)
        self.channel_combo_label.setObjectName(u"channel_combo_label")

        self.form_layout.setWidget(12, QFormLayout.ItemRole.LabelRole, self.channel_combo_label)

        self.channel_combo = QComboBox(self.scroll_contents)
        self.channel_combo.setObjectName(u"channel_combo")

        self.form_layout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.channel_combo)

        self.contact_start_edit_label = QLabel(self.scroll_contents)
        self.contact_start_edit_label.setObjectName(u"contact_start_edit_label")

        self.form_layout.setWidget(13, QFormLayout.ItemRole.LabelRole, self.contact_start_edit_label)

        self.window_layout = QHBoxLayout()
        self.window_layout.setObjectName(u"window_layout")
        self.contact_start_edit = QTimeEdit(self.scroll_contents)
        self.contact_start_edit.setObjectName(u"contact_start_edit")

        self.window_layout.addWidget(self.contact_start_edit)

        self.window_dash_label = QLabel(self.scroll_contents)
        self.window_dash_label.setObjectName(u"window_dash_label")

        self.window_layout.addWidget(self.window_dash_label)

        self.contact_end_edit = QTimeEdit(self.scroll_contents)
        self.contact_end_edit.setObjectName(u"contact_end_edit")

        self.window_layout.addWidget(self.contact_end_edit)

        self.spacer_140067486306048 = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.window_layout.addItem(self.spacer_140067486306048)


        self.form_layout.setLayout(13, QFormLayout.ItemRole.FieldRole, self.window_layout)

        self.contact_window_error = QLabel(self.scroll_contents)
        self.contact_window_error.setObjectName(u"contact_window_error")
        self.contact_window_error.setWordWrap(True)
        self.contact_window_error.setVisible(False)
        self.contact_window_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(14, QFormLayout.ItemRole.FieldRole, self.contact_window_error)

        self.notes_edit_label = QLabel(self.scroll_contents)
        self.notes_edit_label.setObjectName(u"notes_edit_label")

        self.form_layout.setWidget(15, QFormLayout.ItemRole.LabelRole, self.notes_edit_label)

        self.notes_edit = QPlainTextEdit(self.scroll_contents)
        self.notes_edit.setObjectName(u"notes_edit")
        self.notes_edit.setMaximumSize(QSize(16777215, 90))
        self.notes_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(15, QFormLayout.ItemRole.FieldRole, self.notes_edit)

        self.household_notes_error = QLabel(self.scroll_contents)
        self.household_notes_error.setObjectName(u"household_notes_error")
        self.household_notes_error.setWordWrap(True)
        self.household_notes_error.setVisible(False)
        self.household_notes_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(16, QFormLayout.ItemRole.FieldRole, self.household_notes_error)

        self.notes_consent_label = QLabel(self.scroll_contents)
        self.notes_consent_label.setObjectName(u"notes_consent_label")
        self.notes_consent_label.setWordWrap(True)
        self.notes_consent_label.setVisible(False)
        self.notes_consent_label.setStyleSheet(u"color: #b9770e;")

        self.form_layout.setWidget(17, QFormLayout.ItemRole.FieldRole, self.notes_consent_label)

        self.referrer_pick_button_label = QLabel(self.scroll_contents)
        self.referrer_pick_button_label.setObjectName(u"referrer_pick_button_label")

        self.form_layout.setWidget(18, QFormLayout.ItemRole.LabelRole, self.referrer_pick_button_label)

        self.referrer_layout = QHBoxLayout()
        self.referrer_layout.setObjectName(u"referrer_layout")
        self.referrer_edit = QLineEdit(self.scroll_contents)
        self.referrer_edit.setObjectName(u"referrer_edit")
        self.referrer_edit.setReadOnly(True)

        self.referrer_layout.addWidget(self.referrer_edit)

        self.referrer_pick_button = QPushButton(self.scroll_contents)
        self.referrer_pick_button.setObjectName(u"referrer_pick_button")

        self.referrer_layout.addWidget(self.referrer_pick_button)

        self.referrer_clear_button = QPushButton(self.scroll_contents)
        self.referrer_clear_button.setObjectName(u"referrer_clear_button")

        self.referrer_layout.addWidget(self.referrer_clear_button)


        self.form_layout.setLayout(18, QFormLayout.ItemRole.FieldRole, self.referrer_layout)

        self.referrer_error = QLabel(self.scroll_contents)
        self.referrer_error.setObjectName(u"referrer_error")
        self.referrer_error.setWordWrap(True)
        self.referrer_error.setVisible(False)
        self.referrer_error.setStyleSheet(u"color: #c0392b;")

        self.form_layout.setWidget(19, QFormLayout.ItemRole.FieldRole, self.referrer_error)

        self.vip_combo_label = QLabel(self.scroll_contents)
        self.vip_combo_label.setObjectName(u"vip_combo_label")

        self.form_layout.setWidget(20, QFormLayout.ItemRole.LabelRole, self.vip_combo_label)

        self.vip_combo = QComboBox(self.scroll_contents)
        self.vip_combo.setObjectName(u"vip_combo")

        self.form_layout.setWidget(20, QFormLayout.ItemRole.FieldRole, self.vip_combo)


        self.scroll_layout.addLayout(self.form_layout)

        self.consent_group = QGroupBox(self.scroll_contents)
        self.consent_group.setObjectName(u"consent_group")
        self.consent_layout = QVBoxLayout(self.consent_group)
        self.consent_layout.setObjectName(u"consent_layout")

        self.scroll_layout.addWidget(self.consent_group)

        self.scroll_area.setWidget(self.scroll_contents)

        self.main_layout.addWidget(self.scroll_area)

        self.hint_label = QLabel(CustomerDialog)
        self.hint_label.setObjectName(u"hint_label")
        self.hint_label.setStyleSheet(u"color: #777;")

        self.main_layout.addWidget(self.hint_label)

        self.button_box = QDialogButtonBox(CustomerDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.name_edit_label.setBuddy(self.name_edit)
        self.honorific_combo_label.setBuddy(self.honorific_combo)
        self.phone_edit_label.setBuddy(self.phone_edit)
        self.phone2_edit_label.setBuddy(self.phone2_edit)
        self.district_combo_label.setBuddy(self.district_combo)
        self.address_edit_label.setBuddy(self.address_edit)
        self.type_combo_label.setBuddy(self.type_combo)
        self.channel_combo_label.setBuddy(self.channel_combo)
        self.contact_start_edit_label.setBuddy(self.contact_start_edit)
        self.notes_edit_label.setBuddy(self.notes_edit)
        self.referrer_pick_button_label.setBuddy(self.referrer_pick_button)
        self.vip_combo_label.setBuddy(self.vip_combo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name_edit, self.honorific_combo)
        QWidget.setTabOrder(self.honorific_combo, self.phone_edit)
        QWidget.setTabOrder(self.phone_edit, self.phone2_edit)
        QWidget.setTabOrder(self.phone2_edit, self.district_combo)
        QWidget.setTabOrder(self.district_combo, self.address_edit)
        QWidget.setTabOrder(self.address_edit, self.type_combo)
        QWidget.setTabOrder(self.type_combo, self.channel_combo)
        QWidget.setTabOrder(self.channel_combo, self.contact_start_edit)
        QWidget.setTabOrder(self.contact_start_edit, self.contact_end_edit)
        QWidget.setTabOrder(self.contact_end_edit, self.notes_edit)
        QWidget.setTabOrder(self.notes_edit, self.referrer_pick_button)
        QWidget.setTabOrder(self.referrer_pick_button, self.referrer_clear_button)
        QWidget.setTabOrder(self.referrer_clear_button, self.vip_combo)

        self.retranslateUi(CustomerDialog)

        QMetaObject.connectSlotsByName(CustomerDialog)
    # setupUi

    def retranslateUi(self, CustomerDialog):
        CustomerDialog.setWindowTitle(QCoreApplication.translate("CustomerDialog", u"\u5ba2\u6237\u8d44\u6599", None))
        self.name_edit_label.setText(QCoreApplication.translate("CustomerDialog", u"\u59d3\u540d(&N)*", None))
        self.name_edit.setPlaceholderText(QCoreApplication.translate("CustomerDialog", u"\u4f8b\u5982\uff1a\u738b\u5efa\u56fd", None))
        self.name_error.setText("")
        self.honorific_combo_label.setText(QCoreApplication.translate("CustomerDialog", u"\u79f0\u547c(&A)", None))
#if QT_CONFIG(tooltip)
        self.honorific_combo.setToolTip(QCoreApplication.translate("CustomerDialog", u"\u4ece\u5217\u8868\u4e2d\u9009\uff0c\u6216\u76f4\u63a5\u8f93\u5165\uff0c\u4f8b\u5982\uff1a\u603b\u3001\u533b\u751f\u3001\u5976\u5976\uff08\u4e0d\u7528\u5199\u59d3\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.address_as_label.setText("")
        self.honorific_error.setText("")
        self.phone_edit_label.setText(QCoreApplication.translate("CustomerDialog", u"\u7535\u8bdd(&P)*", None))
        self.phone_edit.setPlaceholderText(QCoreApplication.translate("CustomerDialog", u"\u624b\u673a 11 \u4f4d\uff0c\u6216\u5e26\u533a\u53f7\u7684\u56fa\u5b9a\u7535\u8bdd", None))
        self.phone_error.setText("")
        self.phone2_edit_label.setText(QCoreApplication.translate("CustomerDialog", u"\u5907\u7528\u7535\u8bdd", None))
        self.phone2_edit.setPlaceholderText(QCoreApplication.translate("CustomerDialog", u"\u53ef\u4e0d\u586b", None))
        self.phone2_error.setText("")
        self.district_combo_label.setText(QCoreApplication.translate("CustomerDialog", u"\u6240\u5728\u533a", None))
        self.address_edit_label.setText(QCoreApplication.translate("CustomerDialog", u"\u8be6\u7ec6\u5730\u5740", None))
        self.address_edit.setPlaceholderText(QCoreApplication.translate("CustomerDialog", u"\u8def\u3001\u5f04\u3001\u53f7\u3001\u5ba4", None))
        self.address_error.setText("")
        self.type_combo_label.setText(QCoreApplication.translate("CustomerDialog", u"\u5ba2\u6237\u7c7b\u578b", None))
        self.channel_combo_label.setText(QCoreApplication.translate("CustomerDialog", u"\u8054\u7cfb\u65b9\u5f0f", None))
        self.contact_start_edit_label.setText(QCoreApplication.translate("CustomerDialog", u"\u65b9\u4fbf\u8054\u7cfb", None))
        self.contact_start_edit.setDisplayFormat(QCoreApplication.translate("CustomerDialog", u"HH:mm", None))
        self.window_dash_label.setText(QCoreApplication.translate("CustomerDialog", u"\u81f3", None))
        self.contact_end_edit.setDisplayFormat(QCoreApplication.translate("CustomerDialog", u"HH:mm", None))
        self.contact_window_error.setText("")
        self.notes_edit_label.setText(QCoreApplication.translate("CustomerDialog", u"\u5bb6\u5ead\u5907\u6ce8", None))
        self.notes_edit.setPlaceholderText(QCoreApplication.translate("CustomerDialog", u"\u4f8b\u5982\uff1a\u5bb6\u91cc\u6709\u73cd\u85cf\u9752\u82b1\u74f7\uff1b\u6709\u8001\u4eba/\u5c0f\u5b69/\u5ba0\u7269", None))
        self.household_notes_error.setText("")
        self.notes_consent_label.setText("")
        self.referrer_pick_button_label.setText(QCoreApplication.translate("CustomerDialog", u"\u63a8\u8350\u4eba", None))
        self.referrer_edit.setPlaceholderText(QCoreApplication.translate("CustomerDialog", u"\u65e0", None))
        self.referrer_pick_button.setText(QCoreApplication.translate("CustomerDialog", u"\u9009\u62e9\u2026", None))
        self.referrer_clear_button.setText(QCoreApplication.translate("CustomerDialog", u"\u6e05\u9664", None))
        self.referrer_error.setText("")
        self.vip_combo_label.setText(QCoreApplication.translate("CustomerDialog", u"\u4f1a\u5458\u7b49\u7ea7", None))
        self.consent_group.setTitle(QCoreApplication.translate("CustomerDialog", u"\u5ba2\u6237\u540c\u610f", None))
        self.hint_label.setText(QCoreApplication.translate("CustomerDialog", u"\u5e26 * \u7684\u4e3a\u5fc5\u586b\u9879\u3002", None))
    # retranslateUi

