# Generated from ui/incident_rules_box.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'incident_rules_box.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_IncidentRulesBox(object):
    def setupUi(self, IncidentRulesBox):
        if not IncidentRulesBox.objectName():
            IncidentRulesBox.setObjectName(u"IncidentRulesBox")
        IncidentRulesBox.resize(900, 360)
        self.rules_layout = QVBoxLayout(IncidentRulesBox)
        self.rules_layout.setObjectName(u"rules_layout")
        self.rules_hint_label = QLabel(IncidentRulesBox)
        self.rules_hint_label.setObjectName(u"rules_hint_label")
        self.rules_hint_label.setWordWrap(True)

        self.rules_layout.addWidget(self.rules_hint_label)

        self.rules_columns_layout = QHBoxLayout()
        self.rules_columns_layout.setObjectName(u"rules_columns_layout")
        self.rules_form = QFormLayout()
        self.rules_form.setObjectName(u"rules_form")
        self.first_response_spin_label = QLabel(IncidentRulesBox)
        self.first_response_spin_label.setObjectName(u"first_response_spin_label")

        self.rules_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.first_response_spin_label)

        self.first_response_spin = QSpinBox(IncidentRulesBox)
        self.first_response_spin.setObjectName(u"first_response_spin")
        self.first_response_spin.setMinimum(1)
        self.first_response_spin.setMaximum(720)

        self.rules_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.first_response_spin)

        self.first_response_hours_error = QLabel(IncidentRulesBox)
        self.first_response_hours_error.setObjectName(u"first_response_hours_error")
        self.first_response_hours_error.setWordWrap(True)
        self.first_response_hours_error.setVisible(False)
        self.first_response_hours_error.setStyleSheet(u"color: #c0392b;")

        self.rules_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.first_response_hours_error)

        self.resolution_spin_label = QLabel(IncidentRulesBox)
        self.resolution_spin_label.setObjectName(u"resolution_spin_label")

        self.rules_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.resolution_spin_label)

        self.resolution_spin = QSpinBox(IncidentRulesBox)
        self.resolution_spin.setObjectName(u"resolution_spin")
        self.resolution_spin.setMinimum(2)
        self.resolution_spin.setMaximum(2160)

        self.rules_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.resolution_spin)

        self.resolution_hours_error = QLabel(IncidentRulesBox)
        self.resolution_hours_error.setObjectName(u"resolution_hours_error")
        self.resolution_hours_error.setWordWrap(True)
        self.resolution_hours_error.setVisible(False)
        self.resolution_hours_error.setStyleSheet(u"color: #c0392b;")

        self.rules_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.resolution_hours_error)

        self.escalation_period_spin_label = QLabel(IncidentRulesBox)
        self.escalation_period_spin_label.setObjectName(u"escalation_period_spin_label")

        self.rules_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.escalation_period_spin_label)

        self.escalation_period_spin = QSpinBox(IncidentRulesBox)
        self.escalation_period_spin.setObjectName(u"escalation_period_spin")
        self.escalation_period_spin.setMinimum(1)
        self.escalation_period_spin.setMaximum(720)

        self.rules_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.escalation_period_spin)

        self.escalation_period_hours_error = QLabel(IncidentRulesBox)
        self.escalation_period_hours_error.setObjectName(u"escalation_period_hours_error")
        self.escalation_period_hours_error.setWordWrap(True)
        self.escalation_period_hours_error.setVisible(False)
        self.escalation_period_hours_error.setStyleSheet(u"color: #c0392b;")

        self.rules_form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.escalation_period_hours_error)

        self.warning_spin_label = QLabel(IncidentRulesBox)
        self.warning_spin_label.setObjectName(u"warning_spin_label")

        self.rules_form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.warning_spin_label)

        self.warning_spin = QSpinBox(IncidentRulesBox)
        self.warning_spin.setObjectName(u"warning_spin")
        self.warning_spin.setMinimum(10)
        self.warning_spin.setMaximum(99)

        self.rules_form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.warning_spin)

        self.warning_fraction_error = QLabel(IncidentRulesBox)
        self.warning_fraction_error.setObjectName(u"warning_fraction_error")
        self.warning_fraction_error.setWordWrap(True)
        self.warning_fraction_error.setVisible(False)
        self.warning_fraction_error.setStyleSheet(u"color: #c0392b;")

        self.rules_form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.warning_fraction_error)

        self.callback_days_spin_label = QLabel(IncidentRulesBox)
        self.callback_days_spin_label.setObjectName(u"callback_days_spin_label")

        self.rules_form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.callback_days_spin_label)

        self.callback_days_spin = QSpinBox(IncidentRulesBox)
        self.callback_days_spin.setObjectName(u"callback_days_spin")
        self.callback_days_spin.setMinimum(1)
        self.callback_days_spin.setMaximum(30)

        self.rules_form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.callback_days_spin)

        self.callback_days_error = QLabel(IncidentRulesBox)
        self.callback_days_error.setObjectName(u"callback_days_error")
        self.callback_days_error.setWordWrap(True)
        self.callback_days_error.setVisible(False)
        self.callback_days_error.setStyleSheet(u"color: #c0392b;")

        self.rules_form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.callback_days_error)

        self.cs_limit_edit_label = QLabel(IncidentRulesBox)
        self.cs_limit_edit_label.setObjectName(u"cs_limit_edit_label")

        self.rules_form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.cs_limit_edit_label)

        self.cs_limit_edit = QLineEdit(IncidentRulesBox)
        self.cs_limit_edit.setObjectName(u"cs_limit_edit")

        self.rules_form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.cs_limit_edit)

        self.customer_service_limit_error = QLabel(IncidentRulesBox)
        self.customer_service_limit_error.setObjectName(u"customer_service_limit_error")
        self.customer_service_limit_error.setWordWrap(True)
        self.customer_service_limit_error.setVisible(False)
        self.customer_service_limit_error.setStyleSheet(u"color: #c0392b;")

        self.rules_form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.customer_service_limit_error)

        self.manager_limit_edit_label = QLabel(IncidentRulesBox)
        self.manager_limit_edit_label.setObjectName(u"manager_limit_edit_label")

        self.rules_form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.manager_limit_edit_label)

        self.manager_limit_edit = QLineEdit(IncidentRulesBox)
        self.manager_limit_edit.setObjectName(u"manager_limit_edit")

        self.rules_form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.manager_limit_edit)

        self.manager_limit_error = QLabel(IncidentRulesBox)
        self.manager_limit_error.setObjectName(u"manager_limit_error")
        self.manager_limit_error.setWordWrap(True)
        self.manager_limit_error.setVisible(False)
        self.manager_limit_error.setStyleSheet(u"color: #c0392b;")

        self.rules_form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.manager_limit_error)


        self.rules_columns_layout.addLayout(self.rules_form)

        self.causes_layout = QVBoxLayout()
        self.causes_layout.setObjectName(u"causes_layout")
        self.root_causes_label = QLabel(IncidentRulesBox)
        self.root_causes_label.setObjectName(u"root_causes_label")

        self.causes_layout.addWidget(self.root_causes_label)

        self.root_causes_edit = QPlainTextEdit(IncidentRulesBox)
        self.root_causes_edit.setObjectName(u"root_causes_edit")
        self.root_causes_edit.setTabChangesFocus(True)

        self.causes_layout.addWidget(self.root_causes_edit)

        self.root_causes_error = QLabel(IncidentRulesBox)
        self.root_causes_error.setObjectName(u"root_causes_error")
        self.root_causes_error.setWordWrap(True)
        self.root_causes_error.setVisible(False)
        self.root_causes_error.setStyleSheet(u"color: #c0392b;")

        self.causes_layout.addWidget(self.root_causes_error)


        self.rules_columns_layout.addLayout(self.causes_layout)


        self.rules_layout.addLayout(self.rules_columns_layout)

        self.rules_buttons_layout = QHBoxLayout()
        self.rules_buttons_layout.setObjectName(u"rules_buttons_layout")
        self.rules_status_label = QLabel(IncidentRulesBox)
        self.rules_status_label.setObjectName(u"rules_status_label")

        self.rules_buttons_layout.addWidget(self.rules_status_label)

        self.spacer_140663022509952 = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.rules_buttons_layout.addItem(self.spacer_140663022509952)

        self.save_rules_button = QPushButton(IncidentRulesBox)
        self.save_rules_button.setObjectName(u"save_rules_button")

        self.rules_buttons_layout.addWidget(self.save_rules_button)


        self.rules_layout.addLayout(self.rules_buttons_layout)

#if QT_CONFIG(shortcut)
        self.first_response_spin_label.setBuddy(self.first_response_spin)
        self.resolution_spin_label.setBuddy(self.resolution_spin)
        self.escalation_period_spin_label.setBuddy(self.escalation_period_spin)
        self.warning_spin_label.setBuddy(self.warning_spin)
        self.callback_days_spin_label.setBuddy(self.callback_days_spin)
        self.cs_limit_edit_label.setBuddy(self.cs_limit_edit)
        self.manager_limit_edit_label.setBuddy(self.manager_limit_edit)
        self.root_causes_label.setBuddy(self.root_causes_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IncidentRulesBox)

        QMetaObject.connectSlotsByName(IncidentRulesBox)
    # setupUi

    def retranslateUi(self, IncidentRulesBox):
        IncidentRulesBox.setTitle(QCoreApplication.translate("IncidentRulesBox", u"\u6295\u8bc9\u5904\u7406\u89c4\u5219", None))
        self.rules_hint_label.setText(QCoreApplication.translate("IncidentRulesBox", u"\u6bcf\u9519\u8fc7\u4e00\u4e2a\u671f\u9650\uff0c\u4e8b\u4ef6\u5347\u7ea7\u4e00\u7ea7\uff1b\u8fc7\u4e86\u89e3\u51b3\u671f\u9650\u4ecd\u672a\u89e3\u51b3\uff0c\u6bcf\u9694\u4e00\u6bb5\u65f6\u95f4\u518d\u5347\u4e00\u7ea7\uff08\u5ba2\u670d \u2192 \u533a\u57df\u7ecf\u7406 \u2192 \u8fd0\u8425\u603b\u76d1\uff09\uff0c\u6bcf\u6b21\u90fd\u63d0\u524d\u63d0\u9192\u3002\u56de\u8bbf\u907f\u5f00\u7528\u9910\u65f6\u95f4\uff0811:30\u201313:30\u300117:30\u201319:30\uff09\uff0c\u5b89\u6392\u5728\u5ba2\u6237\u65b9\u4fbf\u8054\u7cfb\u7684\u65f6\u6bb5\u3002", None))
        self.first_response_spin_label.setText(QCoreApplication.translate("IncidentRulesBox", u"\u9996\u6b21\u54cd\u5e94\u671f\u9650(&F)", None))
        self.first_response_spin.setSuffix(QCoreApplication.translate("IncidentRulesBox", u" \u5c0f\u65f6", None))
        self.first_response_hours_error.setText("")
        self.resolution_spin_label.setText(QCoreApplication.translate("IncidentRulesBox", u"\u89e3\u51b3\u671f\u9650(&R)", None))
        self.resolution_spin.setSuffix(QCoreApplication.translate("IncidentRulesBox", u" \u5c0f\u65f6", None))
        self.resolution_hours_error.setText("")
        self.escalation_period_spin_label.setText(QCoreApplication.translate("IncidentRulesBox", u"\u8d85\u671f\u540e\u6bcf\u9694(&E)", None))
#if QT_CONFIG(tooltip)
        self.escalation_period_spin.setToolTip(QCoreApplication.translate("IncidentRulesBox", u"\u8fc7\u4e86\u89e3\u51b3\u671f\u9650\u4ecd\u672a\u89e3\u51b3\u7684\u6295\u8bc9\uff0c\u6bcf\u8fc7\u8fd9\u4e48\u4e45\u518d\u5347\u7ea7\u4e00\u7ea7\uff0c\u76f4\u5230\u8fd0\u8425\u603b\u76d1", None))
#endif // QT_CONFIG(tooltip)
        self.escalation_period_spin.setSuffix(QCoreApplication.translate("IncidentRulesBox", u" \u5c0f\u65f6\u518d\u5347\u4e00\u7ea7", None))
        self.escalation_period_hours_error.setText("")
        self.warning_spin_label.setText(QCoreApplication.translate("IncidentRulesBox", u"\u63d0\u524d\u9884\u8b66(&W)", None))
        self.warning_spin.setSuffix(QCoreApplication.translate("IncidentRulesBox", u" %", None))
        self.warning_fraction_error.setText("")
        self.callback_days_spin_label.setText(QCoreApplication.translate("IncidentRulesBox", u"\u56de\u8bbf\u5b89\u6392\u5728\u89e3\u51b3\u540e\u7b2c(&B)", None))
        self.callback_days_spin.setSuffix(QCoreApplication.translate("IncidentRulesBox", u" \u5929", None))
        self.callback_days_error.setText("")
        self.cs_limit_edit_label.setText(QCoreApplication.translate("IncidentRulesBox", u"\u5ba2\u670d\u53ef\u6279\u51c6\u8865\u507f(&C)", None))
        self.cs_limit_edit.setPlaceholderText(QCoreApplication.translate("IncidentRulesBox", u"\u5143", None))
        self.customer_service_limit_error.setText("")
        self.manager_limit_edit_label.setText(QCoreApplication.translate("IncidentRulesBox", u"\u533a\u57df\u7ecf\u7406\u53ef\u6279\u51c6\u8865\u507f(&M)", None))
        self.manager_limit_edit.setPlaceholderText(QCoreApplication.translate("IncidentRulesBox", u"\u5143\uff1b\u66f4\u591a\u9700\u5e97\u4e3b\u6279\u51c6", None))
        self.manager_limit_error.setText("")
        self.root_causes_label.setText(QCoreApplication.translate("IncidentRulesBox", u"\u6839\u672c\u539f\u56e0\u5217\u8868\uff08\u6bcf\u884c\u4e00\u9879\uff0c\u7528\u4e8e\u201c\u8bc6\u522b\u201d\u4e00\u6b65\uff09(&O)", None))
        self.root_causes_error.setText("")
        self.rules_status_label.setText("")
        self.save_rules_button.setText(QCoreApplication.translate("IncidentRulesBox", u"\u4fdd\u5b58\u5904\u7406\u89c4\u5219(&U)", None))
    # retranslateUi

