# Generated from ui/incident_detail.ui by tools/build_forms.py; do not edit: change the source file instead.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'incident_detail.ui'
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
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel,
    QListWidget, QListWidgetItem, QPushButton, QScrollArea,
    QSizePolicy, QSpacerItem, QSplitter, QStackedWidget,
    QTabWidget, QVBoxLayout, QWidget)

class Ui_IncidentDetail(object):
    def setupUi(self, IncidentDetail):
        if not IncidentDetail.objectName():
            IncidentDetail.setObjectName(u"IncidentDetail")
        IncidentDetail.resize(620, 700)
        self.detail_layout = QVBoxLayout(IncidentDetail)
        self.detail_layout.setObjectName(u"detail_layout")
        self.header_layout = QHBoxLayout()
        self.header_layout.setObjectName(u"header_layout")
        self.title_label = QLabel(IncidentDetail)
        self.title_label.setObjectName(u"title_label")
        self.title_label.setStyleSheet(u"font-size: 18px; font-weight: bold;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header_layout.addWidget(self.title_label)

        self.status_label = QLabel(IncidentDetail)
        self.status_label.setObjectName(u"status_label")

        self.header_layout.addWidget(self.status_label)

        self.header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.header_layout.addItem(self.header_spacer)

        self.callback_button = QPushButton(IncidentDetail)
        self.callback_button.setObjectName(u"callback_button")

        self.header_layout.addWidget(self.callback_button)


        self.detail_layout.addLayout(self.header_layout)

        self.empty_label = QLabel(IncidentDetail)
        self.empty_label.setObjectName(u"empty_label")
        self.empty_label.setWordWrap(True)

        self.detail_layout.addWidget(self.empty_label)

        self.body_widget = QWidget(IncidentDetail)
        self.body_widget.setObjectName(u"body_widget")
        self.body_layout = QVBoxLayout(self.body_widget)
        self.body_layout.setObjectName(u"body_layout")
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.facts_label = QLabel(self.body_widget)
        self.facts_label.setObjectName(u"facts_label")
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.body_layout.addWidget(self.facts_label)

        self.owner_layout = QHBoxLayout()
        self.owner_layout.setObjectName(u"owner_layout")
        self.owner_label = QLabel(self.body_widget)
        self.owner_label.setObjectName(u"owner_label")

        self.owner_layout.addWidget(self.owner_label)

        self.owner_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.owner_layout.addItem(self.owner_spacer)

        self.countdown_label = QLabel(self.body_widget)
        self.countdown_label.setObjectName(u"countdown_label")

        self.owner_layout.addWidget(self.countdown_label)


        self.body_layout.addLayout(self.owner_layout)

        self.said_label = QLabel(self.body_widget)
        self.said_label.setObjectName(u"said_label")
        self.said_label.setWordWrap(True)
        self.said_label.setStyleSheet(u"background: #fff6e0; padding: 4px;")
        self.said_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.body_layout.addWidget(self.said_label)

        self.notice_label = QLabel(self.body_widget)
        self.notice_label.setObjectName(u"notice_label")
        self.notice_label.setWordWrap(True)

        self.body_layout.addWidget(self.notice_label)

        self.stepper_holder = QWidget(self.body_widget)
        self.stepper_holder.setObjectName(u"stepper_holder")

        self.body_layout.addWidget(self.stepper_holder)

        self.work_splitter = QSplitter(self.body_widget)
        self.work_splitter.setObjectName(u"work_splitter")
        self.work_splitter.setOrientation(Qt.Orientation.Vertical)
        self.work_splitter.setChildrenCollapsible(False)
        self.step_panel = QWidget(self.work_splitter)
        self.step_panel.setObjectName(u"step_panel")
        self.step_panel_layout = QVBoxLayout(self.step_panel)
        self.step_panel_layout.setObjectName(u"step_panel_layout")
        self.step_panel_layout.setContentsMargins(0, 0, 0, 0)
        self.step_title_label = QLabel(self.step_panel)
        self.step_title_label.setObjectName(u"step_title_label")
        self.step_title_label.setStyleSheet(u"font-size: 15px; font-weight: bold;")

        self.step_panel_layout.addWidget(self.step_title_label)

        self.step_purpose_label = QLabel(self.step_panel)
        self.step_purpose_label.setObjectName(u"step_purpose_label")
        self.step_purpose_label.setWordWrap(True)
        self.step_purpose_label.setStyleSheet(u"color: #555;")

        self.step_panel_layout.addWidget(self.step_purpose_label)

        self.step_scroll = QScrollArea(self.step_panel)
        self.step_scroll.setObjectName(u"step_scroll")
        self.step_scroll.setWidgetResizable(True)
        self.step_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.step_scroll_contents = QWidget()
        self.step_scroll_contents.setObjectName(u"step_scroll_contents")
        self.step_scroll_layout = QVBoxLayout(self.step_scroll_contents)
        self.step_scroll_layout.setObjectName(u"step_scroll_layout")
        self.step_scroll_layout.setContentsMargins(0, 0, 0, 0)
        self.step_stack = QStackedWidget(self.step_scroll_contents)
        self.step_stack.setObjectName(u"step_stack")

        self.step_scroll_layout.addWidget(self.step_stack)

        self.step_scroll.setWidget(self.step_scroll_contents)

        self.step_panel_layout.addWidget(self.step_scroll)

        self.step_button_layout = QHBoxLayout()
        self.step_button_layout.setObjectName(u"step_button_layout")
        self.step_button_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.step_button_layout.addItem(self.step_button_spacer)

        self.complete_button = QPushButton(self.step_panel)
        self.complete_button.setObjectName(u"complete_button")

        self.step_button_layout.addWidget(self.complete_button)


        self.step_panel_layout.addLayout(self.step_button_layout)

        self.work_splitter.addWidget(self.step_panel)
        self.info_tabs = QTabWidget(self.work_splitter)
        self.info_tabs.setObjectName(u"info_tabs")
        self.script_tab = QWidget()
        self.script_tab.setObjectName(u"script_tab")
        self.info_tabs.addTab(self.script_tab, "")
        self.history_tab = QWidget()
        self.history_tab.setObjectName(u"history_tab")
        self.history_layout = QVBoxLayout(self.history_tab)
        self.history_layout.setObjectName(u"history_layout")
        self.history_list = QListWidget(self.history_tab)
        self.history_list.setObjectName(u"history_list")
        self.history_list.setWordWrap(True)
        self.history_list.setAlternatingRowColors(True)

        self.history_layout.addWidget(self.history_list)

        self.info_tabs.addTab(self.history_tab, "")
        self.work_splitter.addWidget(self.info_tabs)

        self.body_layout.addWidget(self.work_splitter)


        self.detail_layout.addWidget(self.body_widget)


        self.retranslateUi(IncidentDetail)

        self.complete_button.setDefault(False)


        QMetaObject.connectSlotsByName(IncidentDetail)
    # setupUi

    def retranslateUi(self, IncidentDetail):
        self.title_label.setText("")
        self.status_label.setText("")
        self.callback_button.setText(QCoreApplication.translate("IncidentDetail", u"\u5f00\u59cb\u4e09\u65e5\u56de\u8bbf(&B)", None))
#if QT_CONFIG(tooltip)
        self.callback_button.setToolTip(QCoreApplication.translate("IncidentDetail", u"\u7ed9\u5ba2\u6237\u6253\u56de\u8bbf\u7535\u8bdd\uff1a\u95ee\u95ee\u9898\u662f\u5426\u89e3\u51b3\u3001\u6ee1\u610f\u51e0\u5206", None))
#endif // QT_CONFIG(tooltip)
        self.empty_label.setText(QCoreApplication.translate("IncidentDetail", u"\u5728\u5de6\u8fb9\u7684\u5217\u8868\u4e2d\u9009\u62e9\u4e00\u4e2a\u4e8b\u4ef6\uff0c\u6216\u70b9\u201c\u767b\u8bb0\u6295\u8bc9\u201d\u767b\u8bb0\u65b0\u7684\u6295\u8bc9\u3002", None))
        self.facts_label.setText("")
        self.owner_label.setText("")
        self.countdown_label.setText("")
        self.said_label.setText("")
        self.notice_label.setText("")
        self.step_title_label.setText("")
        self.step_purpose_label.setText("")
        self.complete_button.setText(QCoreApplication.translate("IncidentDetail", u"\u5b8c\u6210\u8fd9\u4e00\u6b65(&D)", None))
        self.info_tabs.setTabText(self.info_tabs.indexOf(self.script_tab), QCoreApplication.translate("IncidentDetail", u"\u8bdd\u672f", None))
        self.info_tabs.setTabText(self.info_tabs.indexOf(self.history_tab), QCoreApplication.translate("IncidentDetail", u"\u7ecf\u8fc7", None))
        pass
    # retranslateUi

